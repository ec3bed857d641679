from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from backend.progress.schemas import MatterProgress


class DepartmentEvent(BaseModel):
    application_no: str = Field(min_length=1, max_length=32)
    matter: str = Field(description="事项代码")
    status: str = Field(description="in_review / needs_supplement / completed / rejected")
    note: str | None = Field(None, max_length=500)
    result: dict[str, Any] | None = Field(None, description="结婚登记办结须含 certificate_no 与 registered_at")
    occurred_at: datetime | None = None


class EventAccepted(BaseModel):
    application_no: str
    matter: MatterProgress
    started: list[MatterProgress] = Field(description="因本事件而自动启动或终止的后续事项")


class CaseParty(BaseModel):
    role: str
    name: str
    id_number: str
    phone: str
    sex: str
    birth_date: date
    shanghai_hukou: bool


class Certificate(BaseModel):
    certificate_no: str
    registered_at: datetime
    registry_office: str | None


class DepartmentCase(BaseModel):
    application_no: str
    matter: str
    matter_name: str
    status: str
    status_text: str
    updated_at: datetime
    registry_office: str | None
    appointment_date: date | None
    parties: list[CaseParty]
    details: dict[str, Any] = Field(description="本事项所需的申请信息（户口或生育部分）")
    certificate: Certificate | None
