"""Submission shapes. Fields are lenient on purpose: the rules module checks them and says in
Chinese what is wrong with each, instead of a generic type error."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from backend.cases.schemas import MatterProgress
from backend.certificates.service import APPLICANT_NUMBER_RULE
from backend.errors import FieldError
from backend.text import CitizenStr, SafeStr


class Section(BaseModel):
    """A part of the application: a key it does not know is refused (422 naming it), never dropped,
    so a mistyped path from a client cannot lose what the citizen said."""

    model_config = ConfigDict(extra="forbid")


class PartyIn(Section):
    name: CitizenStr | None = Field(None, examples=["张伟"])
    id_number: CitizenStr | None = Field(None, description="18位居民身份证号")
    phone: CitizenStr | None = Field(None, examples=["13812345678"])


class MarriageIn(Section):
    """选择结婚登记时填写预约的婚姻登记处和日期；没有选择结婚登记（此前已登记结婚）时改为填写结婚证字号和登记日期，
    两者不能同时填写。"""

    registry_office: SafeStr | None = Field(
        None, examples=["浦东新区婚姻登记处"], description="选择结婚登记时必填：预约的婚姻登记处"
    )
    appointment_date: date | None = Field(None, description="选择结婚登记时必填：预约登记日期（可预约范围内的工作日）")
    certificate_no: CitizenStr | None = Field(
        None,
        examples=["J310115-2024-000123"],
        description=f"已登记结婚（不选结婚登记）时必填：结婚证字号，{APPLICANT_NUMBER_RULE}；选择结婚登记时不能填写",
    )
    registered_at: date | None = Field(
        None,
        examples=["2024-05-20"],
        description="已登记结婚（不选结婚登记）时必填：结婚证上的登记日期，不晚于今天；选择结婚登记时不能填写",
    )


class MigrationIn(Section):
    mover: SafeStr | None = Field(None, description="applicant 或 spouse：迁户口的一方")
    household_address: SafeStr | None = None
    household_head_name: SafeStr | None = None
    household_head_consent: bool | None = None


class HukouIn(Section):
    shanghai_hukou: list[SafeStr] | None = Field(
        None, description="上海户籍的当事人：applicant / spouse；都不是则为 []"
    )
    migration: MigrationIn | None = None


class BirthIn(Section):
    child_order: int | None = Field(None, description="孩次，1—3")
    expected_due_date: date | None = None
    residence_district: SafeStr | None = Field(None, examples=["浦东新区"])


class ApplicationDraft(BaseModel):
    """A whole or partial application; the check endpoint takes any part of it."""

    model_config = ConfigDict(extra="forbid")

    matters: list[SafeStr] = Field(default_factory=list)
    applicant: PartyIn | None = None
    spouse: PartyIn | None = None
    marriage: MarriageIn | None = None
    hukou: HukouIn | None = None
    birth: BirthIn | None = None


class ApplicationIn(ApplicationDraft):
    channel: SafeStr = Field("web", max_length=16, description="web / wechat / hotline / rest")
    conversation_id: SafeStr | None = Field(None, max_length=128)


class CheckResult(BaseModel):
    errors: list[FieldError]


class NoticeAnnouncement(BaseModel):
    enabled: bool = Field(description="本会话是否接收状态通知（市民可说“不要通知”/“恢复通知”）")
    channels: list[str] = Field(description="通知渠道（已脱敏）：本对话、申请人手机短信")
    text: str = Field(description="提交成功时告诉市民的通知说明")


class ApplicationCreated(BaseModel):
    application_no: str
    created_at: datetime
    matters: list[MatterProgress]
    notices: NoticeAnnouncement | None = Field(None, description="状态变化时的主动通知渠道")


class WithdrawIn(BaseModel):
    id_number: CitizenStr = Field(min_length=1, max_length=32)


class BookingWindow(BaseModel):
    today: date
    first: date
    last: date
    open_dates: list[date] = Field(
        description="窗口内婚姻登记处办理的日期：法定工作日（含调休上班的周末），去掉闭馆日，加上特别开放日"
    )
    calendar_known: bool = Field(
        description="窗口涉及的年份是否都已有国务院公布的放假安排；否则按周一至周五（除元旦、劳动节、国庆节）估算"
    )


class ConversationLookup(BaseModel):
    conversation_id: SafeStr = Field(min_length=1, max_length=128)


class IdempotencyKeyLookup(BaseModel):
    """Which application, if any, an earlier submission with this key made for this conversation."""

    idempotency_key: SafeStr = Field(min_length=1, max_length=128)
    conversation_id: SafeStr = Field(min_length=1, max_length=128)
