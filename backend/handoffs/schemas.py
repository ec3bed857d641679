from datetime import datetime

from pydantic import BaseModel, Field

from backend.text import SafeStr


class HandoffIn(BaseModel):
    conversation_id: SafeStr = Field(min_length=1, max_length=128)
    channel: SafeStr = Field("web", max_length=16)
    reason: SafeStr = Field(description="requested / misunderstood / validation", max_length=32)
    summary: SafeStr | None = Field(None, max_length=2000, description="已脱敏的对话摘要")


class HandoffOut(BaseModel):
    id: int
    conversation_id: str
    channel: str
    reason: str
    summary: str | None
    status: str
    created_at: datetime
