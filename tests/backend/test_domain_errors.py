"""Services refuse in their own terms (NotFound, Conflict, Invalid, …) and one handler maps each
kind to its HTTP status and the one error shape."""

import ast
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backend import errors
from backend.errors import (
    Conflict,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    TooLarge,
    TooManyAttempts,
    Unauthorized,
    Unavailable,
    UnsupportedType,
    install_error_handlers,
)

BACKEND = Path(__file__).resolve().parents[2] / "backend"
SERVICES = sorted(BACKEND.glob("*/service.py"))


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Unauthorized("请先登录。"), 401),
        (Forbidden("不能下载。"), 403),
        (NotFound("没有找到。"), 404),
        (Conflict("已经撤回。"), 409),
        (TooLarge("文件太大。"), 413),
        (UnsupportedType("不支持的文件。"), 415),
        (Invalid("有误。", [FieldError(field="matters", message="请选择事项。")]), 422),
        (TooManyAttempts("请稍后再试。"), 429),
        (Unavailable("助手暂时无法连接。"), 503),
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


def test_no_refusal_names_its_http_status_where_it_is_raised():
    assert not hasattr(errors, "AppError")  # the kind decides the status, in the one handler


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.parent.name)
def test_services_know_nothing_of_http(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    http = sorted(m for m in modules if m.split(".")[0] in ("fastapi", "starlette"))
    assert not http, f"{path.parent.name}/service.py imports {http}"
