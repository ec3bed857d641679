"""Agents help callers on the phone: /api/v1/staff/hotline/…"""

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from backend.applications.rules import check_application
from backend.applications.schemas import ApplicationCreated, CheckResult, FieldProblem
from backend.clock import today_local
from backend.database import get_db
from backend.errors import ErrorBody
from backend.hotline import service
from backend.hotline.schemas import CallerLookup, HotlineApplicationIn, HotlineWithdrawIn
from backend.progress.schemas import ProgressOut
from backend.staff.dependencies import require_agent
from backend.staff.principal import StaffPrincipal

router = APIRouter(
    prefix="/api/v1/staff/hotline",
    tags=["hotline"],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
)


@router.post(
    "/applications",
    status_code=201,
    response_model=ApplicationCreated,
    responses={409: {"model": ErrorBody}, 422: {"model": ErrorBody, "description": "逐项列出有误的字段（中文）"}},
    summary="替来电人提交联办申请（渠道 hotline，规则与线上提交相同）",
)
def submit(
    body: HotlineApplicationIn,
    idempotency_key: str | None = Header(
        None, alias="Idempotency-Key", description="每份申请唯一；改正后重新提交时沿用"
    ),
    staff: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
) -> JSONResponse:
    status_code, content = service.submit(db, staff, body, idempotency_key or "")
    return JSONResponse(status_code=status_code, content=content)


@router.post("/applications/check", response_model=CheckResult, summary="逐项校验已填写的部分（不提交）")
def check(body: HotlineApplicationIn, _staff: StaffPrincipal = Depends(require_agent)) -> CheckResult:
    errors = check_application(body, complete=False, today=today_local())
    return CheckResult(errors=[FieldProblem(**e.model_dump()) for e in errors])


@router.post(
    "/progress",
    response_model=ProgressOut,
    responses={404: {"model": ErrorBody}},
    summary="按编号和来电人身份证号查进度",
)
def progress(
    body: CallerLookup, staff: StaffPrincipal = Depends(require_agent), db: Session = Depends(get_db)
) -> ProgressOut:
    return service.lookup(db, staff, body)


@router.post(
    "/withdraw",
    response_model=ProgressOut,
    responses={404: {"model": ErrorBody}, 409: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    summary="经来电人同意撤回申请",
)
def withdraw(
    body: HotlineWithdrawIn, staff: StaffPrincipal = Depends(require_agent), db: Session = Depends(get_db)
) -> ProgressOut:
    return service.withdraw(db, staff, body)
