from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from backend.chat_sessions import service
from backend.chat_sessions.schemas import ChatSessionIn, ChatSessionOut
from backend.database import get_db
from backend.errors import ErrorBody
from backend.network.client import client_address

router = APIRouter(prefix="/api/v1/chat-sessions", tags=["chat"])


@router.post(
    "",
    status_code=201,
    response_model=ChatSessionOut,
    responses={
        422: {"model": ErrorBody, "description": "请求体有误"},
        429: {"model": ErrorBody, "description": "同一来源地址短时间内新开会话过多（续期不计）"},
    },
    summary="开始或续期网页对话会话（匿名）",
    description="携带仍有效的 session_token 时续期同一会话；否则开始新会话。发送者编号由令牌决定，不由客户端指定。",
)
def open_chat_session(
    request: Request, body: ChatSessionIn | None = None, db: Session = Depends(get_db)
) -> ChatSessionOut:
    return service.open_session(db, body.session_token if body else None, client_address(request))
