from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field

from backend.cases.schemas import MatterProgress
from backend.certificates.service import NUMBER_RULE
from backend.clock import LocalDateTime
from backend.materials.schemas import MaterialRef
from backend.text import ApplicationNo, SafeStr, storable_json


class DepartmentEvent(BaseModel):
    application_no: ApplicationNo
    matter: SafeStr = Field(description="事项代码")
    status: SafeStr = Field(description="in_review / needs_supplement / completed / rejected")
    note: SafeStr | None = Field(None, max_length=500)
    result: Annotated[dict[str, Any] | None, AfterValidator(storable_json)] = Field(
        None,
        description=f"结婚登记办结须含 certificate_no（{NUMBER_RULE}）与 registered_at"
        "（ISO 8601；不带时区的按上海时间理解）；需补充材料（needs_supplement）时可含 required_materials："
        "办事指南中该事项的材料代码列表（如 household_register_pages、household_head_consent），此时 note 必填，"
        "申请人即可在线上传；数值须为有限数",
    )
    occurred_at: LocalDateTime | None = Field(None, description="ISO 8601；不带时区的按上海时间理解")


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
    source: str = Field(
        description="civil_affairs：民政登记后推送的电子结婚证；applicant：此前已登记结婚的申请人填报的结婚证"
        "（登记日期按当天零时记录，办理时请核验）"
    )


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
    materials: list[MaterialRef] = Field(
        [], description="申请人上传的本部门事项材料（当前版本）；用签名的 GET .../materials/{id} 下载"
    )
    supplement_received: bool = Field(
        False,
        description="需补充材料的事项：部门要求的材料（result.required_materials）已全部收到；"
        "审核后请推送 in_review 继续办理",
    )
