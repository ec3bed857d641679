"""Submission shapes. Fields are lenient on purpose: the rules module checks them and says in
Chinese what is wrong with each, instead of a generic type error."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from backend.progress.schemas import MatterProgress


class PartyIn(BaseModel):
    name: str | None = Field(None, examples=["张伟"])
    id_number: str | None = Field(None, description="18位居民身份证号")
    phone: str | None = Field(None, examples=["13812345678"])


class MarriageIn(BaseModel):
    registry_office: str | None = Field(None, examples=["浦东新区婚姻登记处"])
    appointment_date: date | None = None


class MigrationIn(BaseModel):
    mover: str | None = Field(None, description="applicant 或 spouse：迁户口的一方")
    household_address: str | None = None
    household_head_name: str | None = None
    household_head_consent: bool | None = None


class HukouIn(BaseModel):
    shanghai_hukou: list[str] = Field(default_factory=list, description="上海户籍的当事人：applicant / spouse")
    migration: MigrationIn | None = None


class BirthIn(BaseModel):
    child_order: int | None = Field(None, description="孩次，1—3")
    expected_due_date: date | None = None
    residence_district: str | None = Field(None, examples=["浦东新区"])


class ApplicationDraft(BaseModel):
    """A whole or partial application; the check endpoint takes any part of it."""

    model_config = ConfigDict(extra="forbid")

    matters: list[str] = Field(default_factory=list)
    applicant: PartyIn | None = None
    spouse: PartyIn | None = None
    marriage: MarriageIn | None = None
    hukou: HukouIn | None = None
    birth: BirthIn | None = None


class ApplicationIn(ApplicationDraft):
    channel: str = Field("web", max_length=16, description="web / wechat / hotline / rest")
    conversation_id: str | None = Field(None, max_length=128)


class FieldProblem(BaseModel):
    field: str
    message: str


class CheckResult(BaseModel):
    errors: list[FieldProblem]


class ApplicationCreated(BaseModel):
    application_no: str
    created_at: datetime
    matters: list[MatterProgress]


class WithdrawIn(BaseModel):
    id_number: str = Field(min_length=1, max_length=32)
