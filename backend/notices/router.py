"""Notices: the assistant stores a conversation's consent (service token); supervisors see and
retry dead letters (staff login, supervisor role, CSRF on the retry)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from backend.applications.numbers import normalise
from backend.auth import require_service_token
from backend.database import get_db
from backend.errors import ErrorBody
from backend.notices import service
from backend.notices.schemas import ConsentIn, ConsentOut, NoticeOut
from backend.staff.dependencies import require_supervisor
from backend.text import ApplicationNo

router = APIRouter(prefix="/api/v1/notices", tags=["notices"], dependencies=[Depends(require_service_token)])
supervisors = APIRouter(prefix="/api/v1/staff/notices", tags=["notices"], dependencies=[Depends(require_supervisor)])
_AUTH = {401: {"model": ErrorBody, "description": "缺少或错误的服务令牌"}}
_STAFF = {401: {"model": ErrorBody, "description": "未登录"}, 403: {"model": ErrorBody, "description": "仅限主管"}}

OPT_OUT = "好的，已为您关闭办理状态通知，之后状态变化不会再通过对话或短信主动通知您。想重新接收可以说“恢复通知”。"
OPT_IN = "好的，已为您恢复办理状态通知，状态变化时会通过对话和短信通知您。不想收到可以说“不要通知”。"


@router.post("/consent", response_model=ConsentOut, responses=_AUTH, summary="保存会话的通知意愿（不要通知/恢复通知）")
def set_consent(body: ConsentIn, db: Session = Depends(get_db)) -> ConsentOut:
    service.set_consent(db, body.conversation_id, body.enabled)
    return ConsentOut(
        conversation_id=body.conversation_id, enabled=body.enabled, text=OPT_IN if body.enabled else OPT_OUT
    )


@router.get(
    "",
    response_model=list[NoticeOut],
    responses=_AUTH | {404: {"model": ErrorBody}},
    summary="一份申请的通知及投递状态",
)
def of_application(
    application_no: Annotated[ApplicationNo, Query(description="申请编号")], db: Session = Depends(get_db)
) -> list[NoticeOut]:
    return [NoticeOut.model_validate(n) for n in service.of_application(db, normalise(application_no))]


@supervisors.get(
    "/dead-letters", response_model=list[NoticeOut], responses=_STAFF, summary="多次投递失败的通知（主管查看）"
)
def dead_letters(limit: Annotated[int, Query(ge=1, le=500)] = 100, db: Session = Depends(get_db)) -> list[NoticeOut]:
    return [NoticeOut.model_validate(n) for n in service.dead_letters(db, limit)]


@supervisors.post(
    "/{notice_id}/retry",
    response_model=NoticeOut,
    responses=_STAFF | {404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
    summary="重新投递一条失败的通知（主管操作）",
)
def retry(notice_id: Annotated[int, Path(ge=1, le=2**31 - 1)], db: Session = Depends(get_db)) -> NoticeOut:
    return NoticeOut.model_validate(service.retry(db, notice_id))
