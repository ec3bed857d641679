from datetime import datetime

from pydantic import BaseModel, Field

from backend.text import SafeStr


class ConsentIn(BaseModel):
    conversation_id: SafeStr = Field(
        min_length=1, max_length=128, description="Rasa 会话标识（web:… / wechat:… / rest:…）"
    )
    enabled: bool = Field(description="false：不要通知（退订）；true：恢复通知")


class ConsentOut(BaseModel):
    conversation_id: str
    enabled: bool
    text: str = Field(description="告诉市民的答复")


class NoticeOut(BaseModel):
    id: int
    channel: str = Field(description="chat：申请时的对话渠道；sms：申请人手机短信")
    delivery_key: str = Field(description="投递键：随消息发送（对话事件元数据、短信参考号），据此避免重复投递")
    kind: str
    text: str = Field(description="通知内容（不含姓名、身份证号、手机号）")
    status: str = Field(description="pending 待投递 · sent 已投递 · skipped 市民已退订 · dead 多次失败（可重试）")
    attempts: int
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None

    model_config = {"from_attributes": True}
