from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path
from sqlalchemy.orm import Session

from backend.applications import calendar, service
from backend.applications.callers import Caller
from backend.applications.dependencies import caller
from backend.applications.rules import booking_window, check_application
from backend.applications.schemas import (
    ApplicationCreated,
    ApplicationDraft,
    ApplicationIn,
    BookingWindow,
    CheckResult,
    ConversationLookup,
    IdempotencyKeyLookup,
    WithdrawIn,
)
from backend.auth import require_service_token
from backend.clock import today_local
from backend.database import get_db
from backend.errors import ErrorBody
from backend.flows import submission, withdraw
from backend.progress.schemas import ProgressOut
from backend.progress.service import build_progress

router = APIRouter(prefix="/api/v1/applications", tags=["applications"])

_SUBMIT_RESPONSES = {
    201: {"model": ApplicationCreated, "description": "已受理；同一键同一内容的重放返回同一答复"},
    401: {"model": ErrorBody, "description": "缺少或错误的服务令牌"},
    409: {"model": ErrorBody, "description": "同一 Idempotency-Key 用于不同内容"},
    422: {"model": ErrorBody, "description": "逐项列出有误的字段（中文）"},
}


@router.post(
    "",
    status_code=201,
    response_model=ApplicationCreated,
    responses=_SUBMIT_RESPONSES,
    dependencies=[Depends(require_service_token)],
    summary="提交联办申请",
    description=(
        "选择的事项决定需要填写的部分（hukou、birth 各随其事项）。marriage 部分每份申请都要："
        "选择结婚登记时填写预约的婚姻登记处和日期，其他事项为“待婚姻登记办结”，民政推送电子结婚证后自动启动；"
        "此前已登记结婚、不选结婚登记时改为填写结婚证字号 certificate_no 和登记日期 registered_at，"
        "其他事项直接进入“审核中”，结婚证随事项交给各部门。422 逐项说明有误的字段。"
    ),
)
def submit_application(
    body: ApplicationIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="每次提交唯一；重试时沿用"),
    db: Session = Depends(get_db),
) -> ApplicationCreated:
    return submission.submit(db, body, idempotency_key or "")


@router.post(
    "/check",
    response_model=CheckResult,
    dependencies=[Depends(require_service_token)],
    responses={401: {"model": ErrorBody}},
    summary="校验部分申请信息（对话中逐项校验，规则与提交相同）",
    description="只报告已填写部分的问题，不报告尚未填写的字段；是否已登记结婚按所选事项判断，与提交相同。",
)
async def check_draft(body: ApplicationDraft) -> CheckResult:
    # Pure checks in memory (no database, ~0.2 ms): run on the loop, not handed to a thread.
    errors = check_application(body, complete=False, today=today_local())
    return CheckResult(errors=errors)


@router.get("/booking-window", response_model=BookingWindow, summary="可预约的登记日期范围")
def get_booking_window() -> BookingWindow:
    today = today_local()
    first, last = booking_window(today)
    return BookingWindow(
        today=today,
        first=first,
        last=last,
        open_dates=calendar.open_days(first, last),
        calendar_known=calendar.window_is_known(first, last),
    )


@router.post(
    "/{application_no}/withdraw",
    response_model=ProgressOut,
    responses={404: {"model": ErrorBody}, 409: {"model": ErrorBody}, 429: {"model": ErrorBody}},
    summary="撤回申请（未办结的事项变为已撤回）",
)
def withdraw_application(
    application_no: Annotated[str, Path(pattern=r"^[A-Za-z0-9]{1,32}$")],
    body: WithdrawIn,
    who: Caller = Depends(caller),
    db: Session = Depends(get_db),
) -> ProgressOut:
    return withdraw.by_citizen(db, application_no, body.id_number, who)


@router.post(
    "/by-conversation",
    response_model=ProgressOut,
    dependencies=[Depends(require_service_token)],
    responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}},
    summary="按会话查找最近提交的申请（对话渠道已认证用户，如微信 openid）",
)
def by_conversation(body: ConversationLookup, db: Session = Depends(get_db)) -> ProgressOut:
    return build_progress(db, service.latest_for_conversation(db, body.conversation_id))


@router.post(
    "/by-idempotency-key",
    response_model=ProgressOut,
    dependencies=[Depends(require_service_token)],
    responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}},
    summary="按提交时的 Idempotency-Key 查找本会话已提交成功的申请（答复丢失后核实结果）",
)
def by_idempotency_key(body: IdempotencyKeyLookup, db: Session = Depends(get_db)) -> ProgressOut:
    app = service.for_idempotency_key(db, body.idempotency_key, body.conversation_id)
    return build_progress(db, app)
