from datetime import datetime

from pydantic import BaseModel, Field


class ChatSessionIn(BaseModel):
    session_token: str | None = Field(None, max_length=256, description="本浏览器已持有的会话令牌（续期）")


class ChatSessionOut(BaseModel):
    session_token: str = Field(description="连接对话服务时出示；过期前再次调用本接口即可续期")
    sender_id: str = Field(description="对话中的发送者编号（web:…）")
    expires_at: datetime
