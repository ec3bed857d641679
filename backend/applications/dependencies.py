"""Request dependencies for looking an application up: who is asking."""

from fastapi import Header, Request

from backend.applications.callers import Caller
from backend.auth import is_service
from backend.network.client import client_address


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
