from datetime import datetime

from pydantic import BaseModel, Field

from backend.cases.schemas import MatterProgress
from backend.text import ApplicationNo, CitizenStr


class ProgressQuery(BaseModel):
    application_no: ApplicationNo = Field(examples=["HY261126ABCD1234"])
    id_number: CitizenStr = Field(min_length=1, max_length=32, description="任一方的18位身份证号")


class TimelineItem(BaseModel):
    matter: str
    matter_name: str
    actor: str
    actor_name: str
    from_status: str | None
    to_status: str
    status_text: str
    note: str | None
    occurred_at: datetime
    recorded_at: datetime


class PartyMasked(BaseModel):
    role: str
    name: str
    id_number: str
    phone: str


class ProgressOut(BaseModel):
    application_no: str
    overall_status: str
    overall_status_text: str
    created_at: datetime
    registry_office: str | None
    appointment_date: str | None
    parties: list[PartyMasked]
    matters: list[MatterProgress]
    timeline: list[TimelineItem]
    summary: str = Field(description="一句话的统一进度说明，供对话和短信使用")
    stream_token: str | None = Field(
        None, description="仅进度查询返回：短时有效的实时进度凭证，用于 GET /api/v1/progress/stream?token=…（SSE）"
    )
