"""Who is calling a staff endpoint. `require_agent`: any signed-in staff member (a supervisor is an
agent too); `require_supervisor`: supervisors only. Both answer 401 without a live session, and
refuse an unsafe method (POST, PUT, PATCH, DELETE) without the session's CSRF token (403)."""

import hmac
from datetime import datetime

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie
from sqlalchemy.orm import Session

from backend.clock import now_utc
from backend.database import get_db
from backend.errors import Forbidden, Unauthorized
from backend.staff import service
from backend.staff.principal import ROLE_NAMES, ROLES, Role, StaffPrincipal

__all__ = [
    "COOKIE_NAME",
    "CSRF_HEADER",
    "ROLES",
    "ROLE_NAMES",
    "Role",
    "StaffPrincipal",
    "require_agent",
    "require_supervisor",
    "staff_now",
]

COOKIE_NAME = "hy_staff_session"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

NOT_SIGNED_IN = "请先登录工作人员账号（登录已过期或已退出）。"
CSRF_REFUSED = "缺少或错误的安全校验码（X-CSRF-Token 请求头），请刷新页面后重试。"
SUPERVISORS_ONLY = "只有主管可以进行此操作。"

# Documents the cookie in OpenAPI; auto_error=False so that the refusal is ours, in Chinese.
_cookie = APIKeyCookie(name=COOKIE_NAME, auto_error=False, description="登录后由后台设置的 HttpOnly 会话 Cookie")


def staff_now() -> datetime:
    """The clock of staff sign-in; tests override this dependency to move time."""
    return now_utc()


def require_agent(
    request: Request,
    token: str | None = Depends(_cookie),
    db: Session = Depends(get_db),
    now: datetime = Depends(staff_now),
) -> StaffPrincipal:
    principal = service.principal_for_token(db, token, now) if token else None
    if principal is None:
        raise Unauthorized(NOT_SIGNED_IN)
    if request.method.upper() in UNSAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), service.csrf_for(token).encode()):
            raise Forbidden(CSRF_REFUSED)
    return principal


def require_supervisor(staff: StaffPrincipal = Depends(require_agent)) -> StaffPrincipal:
    if not staff.is_supervisor:
        raise Forbidden(SUPERVISORS_ONLY)
    return staff
