from fastapi import APIRouter, Depends, Header, Request
from sqlalchemy.orm import Session

from backend.auth import is_service
from backend.database import get_db
from backend.errors import ErrorBody
from backend.progress.schemas import ProgressOut, ProgressQuery
from backend.progress.service import build_progress, find_for_citizen

router = APIRouter(prefix="/api/v1/progress", tags=["progress"])


async def client_key(
    request: Request,
    authorization: str | None = Header(None, include_in_schema=False),
    x_conversation_id: str | None = Header(
        None, description="仅服务令牌调用方（对话机器人）使用：按会话而不是按来源地址计数失败次数"
    ),
) -> str:
    """The bot serves every citizen from one address, so it names the conversation instead."""
    if x_conversation_id and is_service(authorization):
        return f"conversation:{x_conversation_id}"
    return f"ip:{request.client.host if request.client else 'unknown'}"


@router.post(
    "/query",
    response_model=ProgressOut,
    summary="查询办理进度（申请编号 + 任一方身份证号）",
    responses={
        404: {"model": ErrorBody, "description": "编号不存在或身份证号不匹配（两者答复相同）"},
        429: {"model": ErrorBody, "description": "10分钟内失败5次（按申请编号或按调用方）"},
    },
)
def query_progress(body: ProgressQuery, key: str = Depends(client_key), db: Session = Depends(get_db)) -> ProgressOut:
    app = find_for_citizen(db, body.application_no, body.id_number, key)
    return build_progress(db, app)
