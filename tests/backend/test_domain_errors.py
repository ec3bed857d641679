"""Services refuse in their own terms (NotFound, Conflict, Invalid, TooManyAttempts) and one
handler maps each kind to its HTTP status and the one error shape."""

import ast
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backend.errors import Conflict, FieldError, Invalid, NotFound, TooManyAttempts, install_error_handlers

BACKEND = Path(__file__).resolve().parents[2] / "backend"
# Domains whose services no longer name HTTP statuses.
MOVED = ("applications", "progress", "guides")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("没有找到。"), 404),
        (Conflict("已经撤回。"), 409),
        (Invalid("有误。", [FieldError(field="matters", message="请选择事项。")]), 422),
        (TooManyAttempts("请稍后再试。"), 429),
    ],
)
def test_each_kind_of_refusal_has_one_status_and_the_one_shape(error, status):
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/refuse")
    def refuse():
        raise error

    r = TestClient(app).get("/refuse")
    assert r.status_code == status
    assert r.json() == {"detail": error.detail, "errors": [e.model_dump() for e in error.errors]}


@pytest.mark.parametrize("domain", MOVED)
def test_moved_domains_name_no_http_status_when_they_refuse(domain):
    for path in (BACKEND / domain).glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        assert "AppError" not in imported, f"{path.name} refuses with AppError(status, …)"
