from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend.matters.catalog import Matter
from backend.text import SafeStr

# The catalog's codes (guides/matters.yml), as a Literal so the API schema lists them inline.
MatterCode = Literal[tuple(m.value for m in Matter)]


class HandoffIn(BaseModel):
    conversation_id: SafeStr = Field(min_length=1, max_length=128)
    channel: SafeStr = Field("web", max_length=16)
    reason: SafeStr = Field(description="requested / misunderstood / validation", max_length=32)
    summary: SafeStr | None = Field(None, max_length=2000, description="已脱敏的对话摘要")
    matters: list[MatterCode] = Field(default_factory=list, max_length=len(Matter), description="正在办理的事项")


class HandoffOut(BaseModel):
    id: int
    conversation_id: str
    channel: str
    reason: str
    summary: str | None
    matters: list[str]
    status: str
    created_at: datetime
    waiting_since: datetime


class HandoffCreated(HandoffOut):
    """What the assistant may tell the citizen: a person only when one is signed in and within
    service hours; otherwise the hotline. The conversation waits in the queue either way."""

    agents_online: int
    in_service_hours: bool
    service_hours: str = Field(description="坐席服务时间（上海时间），如 08:00-20:00 或 24小时")
    person_available: bool
    position: int = Field(description="排队位置，1 表示下一个接入")
    hotline: str


class QueueItem(BaseModel):
    id: int
    conversation_id: str
    channel: str
    reason: str
    summary: str | None
    matters: list[str]
    status: str
    waiting_seconds: int
    position: int
    claimed_by: str | None
    mine: bool


class TransferIn(BaseModel):
    to: SafeStr = Field(min_length=1, max_length=64, description="接收的工作人员用户名")


class CloseIn(BaseModel):
    outcome: SafeStr = Field(max_length=32, description="resolved / referred_hotline / citizen_left / other")
    note: SafeStr | None = Field(None, max_length=500)


class ReplyIn(BaseModel):
    text: SafeStr = Field(min_length=1, max_length=1000, description="发给市民的消息")


class RevealIn(BaseModel):
    field: SafeStr = Field(min_length=1, max_length=64, description="要查看完整内容的字段（槽位名）")
    reason: SafeStr = Field(min_length=2, max_length=200, description="查看原因（写入审计记录）")


class TranscriptLine(BaseModel):
    at: float
    who: Literal["citizen", "assistant", "agent", "system"]
    text: str


class FormAnswer(BaseModel):
    field: str
    label: str
    value: str = Field(description="脱敏后的值")
    revealable: bool = Field(description="可以凭原因查看完整内容（写入审计）")


class ConversationView(BaseModel):
    handoff: QueueItem
    paused: bool
    transcript: list[TranscriptLine]
    answers: list[FormAnswer]
    pending_question: str | None = Field(description="交回助手后接着问的问题")
