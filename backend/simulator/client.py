"""Plays a department system: signs requests exactly as CONTRACT §3 says a real one must."""

import hashlib
import hmac
import json
import os
import time
import uuid
from datetime import UTC, datetime

import httpx

from backend.departments.config import get_department_settings
from backend.matters.catalog import CATALOG, Department, Matter


class DepartmentClient:
    def __init__(self, department: str, base_url: str | None = None, secret: str | None = None):
        self.department = Department(department)
        self.base_url = (base_url or os.environ.get("BACKEND_URL", "http://127.0.0.1:8000")).rstrip("/")
        self.secret = secret or get_department_settings().secret_for(self.department)
        self.http = httpx.Client(base_url=self.base_url, timeout=30)

    def _headers(self, method: str, path_qs: str, raw: bytes) -> dict:
        ts = str(int(time.time()))
        message = f"{ts}.{method}.{path_qs}.".encode() + raw
        signature = hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()
        return {"X-Timestamp": ts, "X-Signature": signature, "Content-Type": "application/json"}

    def push(
        self,
        application_no: str,
        matter: str,
        status: str,
        note: str | None = None,
        result: dict | None = None,
        key: str | None = None,
    ) -> httpx.Response:
        path = f"/api/v1/departments/{self.department.value}/events"
        body = {
            "application_no": application_no,
            "matter": matter,
            "status": status,
            "note": note,
            "result": result,
            "occurred_at": datetime.now(UTC).isoformat(),
        }
        raw = json.dumps(body, ensure_ascii=False).encode()
        headers = self._headers("POST", path, raw) | {"Idempotency-Key": key or uuid.uuid4().hex}
        return self.http.post(path, content=raw, headers=headers)

    def cases(self, status: str = "in_review") -> httpx.Response:
        # A nonce, so that two polls within one second are two signatures (each is used once).
        path = f"/api/v1/departments/{self.department.value}/cases?status={status}&nonce={uuid.uuid4().hex}"
        return self.http.get(path, headers=self._headers("GET", path, b""))

    def download(self, material_id: str) -> httpx.Response:
        """A file a citizen uploaded, from the work list's materials[].id."""
        path = f"/api/v1/departments/{self.department.value}/materials/{material_id}?nonce={uuid.uuid4().hex}"
        return self.http.get(path, headers=self._headers("GET", path, b""))


def register_marriage(application_no: str, base_url: str | None = None) -> httpx.Response:
    """Civil affairs registers the marriage and pushes the electronic certificate."""
    now = datetime.now(UTC)
    result = {"certificate_no": f"J{now:%Y%m%d}-{uuid.uuid4().hex[:6].upper()}", "registered_at": now.isoformat()}
    return DepartmentClient("civil_affairs", base_url).push(
        application_no, Matter.marriage_registration.value, "completed", note="双方现场登记，已发结婚证", result=result
    )


def department_of(matter: str) -> str:
    return CATALOG[Matter(matter)].department.value
