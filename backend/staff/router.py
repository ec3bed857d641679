"""Staff sign-in, accounts (supervisors), the audit log (supervisors) and 显示完整信息."""

from datetime import date, datetime, timedelta

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from backend.clock import local_midnight
from backend.database import get_db
from backend.errors import ErrorBody, Invalid
from backend.staff import audit, service
from backend.staff.config import get_staff_settings
from backend.staff.dependencies import COOKIE_NAME, require_agent, require_supervisor, staff_now
from backend.staff.models import StaffAccount
from backend.staff.principal import StaffPrincipal
from backend.staff.reveal import reveal_application_field
from backend.staff.schemas import (
    AccountIn,
    AccountOut,
    ActiveIn,
    AuditOut,
    LoginIn,
    PasswordIn,
    RevealIn,
    RevealOut,
    SessionOut,
    StaffOut,
)
from security.guard import is_production

router = APIRouter(prefix="/api/v1/staff", tags=["staff"])
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)
REFUSALS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}}


def _secure_cookie() -> bool:
    configured = get_staff_settings().cookie_secure
    return is_production() if configured is None else configured


def _staff_out(p: StaffPrincipal) -> StaffOut:
    return StaffOut(id=p.id, username=p.username, display_name=p.display_name, role=p.role)


def _account_out(a: StaffAccount, now: datetime) -> AccountOut:
    return AccountOut(
        id=a.id,
        username=a.username,
        display_name=a.display_name,
        role=a.role,
        active=a.active,
        locked=a.locked_until is not None and a.locked_until > now,
        created_at=a.created_at,
    )


@router.post("/login", response_model=SessionOut, responses={401: {"model": ErrorBody}}, summary="工作人员登录")
def login(body: LoginIn, response: Response, db: Session = Depends(get_db), now: datetime = Depends(staff_now)):
    account = service.authenticate(db, body.username, body.password, now)
    token, csrf = service.open_session(db, account, now)
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=get_staff_settings().session_ttl_seconds,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure_cookie(),
    )
    return SessionOut(staff=_staff_out(service.principal_of(account)), csrf_token=csrf)


@router.get("/me", response_model=SessionOut, responses=REFUSALS, summary="当前登录的工作人员")
def me(request: Request, staff: StaffPrincipal = Depends(require_agent)) -> SessionOut:
    # The page may reload: it gets its CSRF token again from its own (HttpOnly) session.
    return SessionOut(staff=_staff_out(staff), csrf_token=service.csrf_for(request.cookies[COOKIE_NAME]))


@router.post("/logout", status_code=204, responses=REFUSALS, summary="退出登录")
def logout(
    request: Request,
    response: Response,
    _staff: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    now: datetime = Depends(staff_now),
) -> Response:
    service.revoke_session(db, request.cookies[COOKIE_NAME], now)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_secure_cookie())
    return response


@router.get("/accounts", response_model=list[AccountOut], responses=REFUSALS, summary="工作人员账号（主管）")
def accounts(
    _staff: StaffPrincipal = Depends(require_supervisor),
    db: Session = Depends(get_db),
    now: datetime = Depends(staff_now),
) -> list[AccountOut]:
    return [_account_out(a, now) for a in service.list_accounts(db)]


@router.post("/accounts", status_code=201, response_model=AccountOut, responses=REFUSALS, summary="新建账号（主管）")
def create_account(
    body: AccountIn,
    _staff: StaffPrincipal = Depends(require_supervisor),
    db: Session = Depends(get_db),
    now: datetime = Depends(staff_now),
) -> AccountOut:
    account = service.create_account(db, body.username, body.password, body.role, body.display_name)
    return _account_out(account, now)


@router.post(
    "/accounts/{account_id}/active", response_model=AccountOut, responses=REFUSALS, summary="停用或启用账号（主管）"
)
def set_active(
    account_id: int,
    body: ActiveIn,
    staff: StaffPrincipal = Depends(require_supervisor),
    db: Session = Depends(get_db),
    now: datetime = Depends(staff_now),
) -> AccountOut:
    return _account_out(service.set_active(db, account_id, body.active, staff, now), now)


@router.post(
    "/accounts/{account_id}/password", response_model=AccountOut, responses=REFUSALS, summary="重置密码（主管）"
)
def reset_password(
    account_id: int,
    body: PasswordIn,
    _staff: StaffPrincipal = Depends(require_supervisor),
    db: Session = Depends(get_db),
    now: datetime = Depends(staff_now),
) -> AccountOut:
    return _account_out(service.reset_password(db, account_id, body.password, now), now)


@router.get("/audit", response_model=list[AuditOut], responses=REFUSALS, summary="审计记录（主管）")
def audit_log(
    staff_id: int | None = Query(None, description="工作人员账号 id"),
    subject_type: str | None = Query(None, max_length=32, description="application / conversation"),
    subject_id: str | None = Query(None, max_length=128, description="申请编号或会话 id（不接受身份证号）"),
    date_from: date | None = Query(None, description="起始日期（上海时间，含）"),
    date_to: date | None = Query(None, description="结束日期（上海时间，含）"),
    limit: int = Query(200, ge=1, le=1000),
    _staff: StaffPrincipal = Depends(require_supervisor),
    db: Session = Depends(get_db),
) -> list[AuditOut]:
    for day in (date_from, date_to):
        if day is not None and not (EARLIEST <= day <= LATEST):
            raise Invalid(f"日期应在{EARLIEST}至{LATEST}之间，请修改筛选条件。")
    rows = audit.search(
        db,
        staff_id=staff_id,
        subject_type=subject_type,
        subject_id=subject_id,
        since=local_midnight(date_from) if date_from else None,
        until=local_midnight(date_to + timedelta(days=1)) if date_to else None,
        limit=limit,
    )
    return [AuditOut.model_validate(r, from_attributes=True) for r in rows]


@router.post("/reveal", response_model=RevealOut, responses=REFUSALS, summary="显示完整信息（须填写原因，记入审计）")
def reveal(body: RevealIn, staff: StaffPrincipal = Depends(require_agent), db: Session = Depends(get_db)) -> RevealOut:
    value = reveal_application_field(db, staff, body.subject_id, body.field, body.reason)
    return RevealOut(subject_type="application", subject_id=body.subject_id, field=body.field, value=value)
