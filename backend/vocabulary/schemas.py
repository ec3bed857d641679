from pydantic import BaseModel, Field


class Named(BaseModel):
    code: str
    name: str


class FormFieldOut(BaseModel):
    path: str = Field(description="字段在申请内容中的路径，例如 applicant.id_number")
    label: str = Field(description="字段的中文名称")
    hint: str = Field(description="有效取值的中文说明")
    needed_for: list[str] = Field(description="选择其中任一事项时必填")
    not_with: list[str] = Field(description="同时选择其中任一事项时不填")
    optional: bool


class SectionOut(BaseModel):
    code: str
    name: str
    fields: list[FormFieldOut]


class MatterOut(BaseModel):
    code: str
    name: str
    short_name: str
    department: str
    department_name: str
    prerequisite: str | None = Field(description="须先办结的事项")
    sections: list[str] = Field(description="这个事项需要填写的部分")
    fields: list[str] = Field(description="这个事项需要填写的字段路径（以字段的 not_with、optional 为准）")


class StatusOut(BaseModel):
    code: str
    text: str
    final: bool


class MaskRuleOut(BaseModel):
    keep_start: int
    keep_end: int
    min_length: int
    max_length: int | None
    fill: int | None = Field(description="隐藏部分固定显示的星号个数（地址）；为空时每个隐藏的字符显示一个星号")


class MaskingOut(BaseModel):
    hidden: str = Field(description="不符合规则的值（过短、缺失、手机号不是11位）一律显示为此")
    rules: dict[str, MaskRuleOut]


class Catalog(BaseModel):
    matters: list[MatterOut]
    departments: list[Named]
    sections: list[SectionOut]
    aspects: list[Named]
    statuses: list[StatusOut]
    masking: MaskingOut
