from fastapi import APIRouter, Depends, Header, Request
from sqlalchemy.orm import Session

from backend.auth import is_service
from backend.database import get_db
from backend.errors import ErrorBody
from backend.network.client import client_address
from backend.progress.callers import Caller
from backend.progress.schemas import ProgressOut, ProgressQuery
from backend.progress.service import build_progress, find_for_citizen

router = APIRouter(prefix="/api/v1/progress", tags=["progress"])


async def caller(
    request: Request,
    authorization: str | None = Header(
        None, description="仅对话机器人：Bearer <BACKEND_SERVICE_TOKEN>，此时 X-Conversation-Id 才生效"
    ),
    x_conversation_id: str | None = Header(
        None,
        max_length=128,
        description="仅服务令牌调用方（对话机器人）使用：按会话（及网页会话的来源地址）而不是按调用方地址计数失败次数",
    ),
) -> Caller:
    """The assistant serves every citizen from one address, so it names the conversation instead."""
    conversation = x_conversation_id if x_conversation_id and is_service(authorization) else None
    return Caller(address=client_address(request), conversation_id=conversation)


@router.post(
    "/query",
    response_model=ProgressOut,
    summary="查询办理进度（申请编号 + 任一方身份证号）",
    responses={
        404: {"model": ErrorBody, "description": "编号不存在或身份证号不匹配（两者答复相同）"},
        429: {
            "model": ErrorBody,
            "description": "10分钟内失败5次（按申请编号或按调用方；申请人在提交申请的会话中不受他人失败影响）",
        },
    },
)
def query_progress(body: ProgressQuery, who: Caller = Depends(caller), db: Session = Depends(get_db)) -> ProgressOut:
    app = find_for_citizen(db, body.application_no, body.id_number, who)
    return build_progress(db, app)
