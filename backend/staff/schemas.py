from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend.staff.principal import Role
from backend.text import SafeStr


class LoginIn(BaseModel):
    username: SafeStr = Field(max_length=64)
    password: SafeStr = Field(max_length=256)


class StaffOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role


class SessionOut(BaseModel):
    staff: StaffOut
    csrf_token: str = Field(description="不安全的请求（POST/PUT/PATCH/DELETE）须在 X-CSRF-Token 请求头中携带")


class AccountOut(StaffOut):
    active: bool
    locked: bool
    created_at: datetime


class AccountIn(BaseModel):
    username: SafeStr = Field(max_length=64, examples=["agent007"])
    display_name: SafeStr = Field(max_length=64, examples=["王晓（工号 1007）"])
    role: SafeStr = Field(description="agent（坐席）或 supervisor（主管）", max_length=16)
    password: SafeStr = Field(max_length=256)


class PasswordIn(BaseModel):
    password: SafeStr = Field(max_length=256)


class ActiveIn(BaseModel):
    active: bool


class AuditOut(BaseModel):
    id: int
    staff_id: int
    staff_username: str
    action: str
    subject_type: str
    subject_id: str
    field: str | None
    reason: str
    occurred_at: datetime


class RevealIn(BaseModel):
    """Which full value to show, and why (the reason goes into the audit log)."""

    subject_type: Literal["application"] = Field("application", description="目前支持 application（申请）")
    subject_id: SafeStr = Field(max_length=128, description="申请编号")
    field: SafeStr = Field(
        max_length=64, description="applicant.id_number / applicant.phone / applicant.name / spouse.*"
    )
    reason: SafeStr = Field("", max_length=500, description="查看原因，必填")


class RevealOut(BaseModel):
    subject_type: str
    subject_id: str
    field: str
    value: str
