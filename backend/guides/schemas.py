"""The guide file schema (validated at load) and the API shapes built from it."""

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, RootModel, model_validator

from backend.matters.catalog import Department, Matter


class Aspect(StrEnum):
    conditions = "conditions"
    materials = "materials"
    process = "process"
    fees = "fees"
    time_limit = "time_limit"
    location = "location"


ASPECT_NAMES = {
    Aspect.conditions: "办理条件",
    Aspect.materials: "所需材料",
    Aspect.process: "办理流程",
    Aspect.fees: "收费标准",
    Aspect.time_limit: "办理时限",
    Aspect.location: "办理地点",
}

# When a material is needed in the joint flow.
MaterialWhen = Literal["registry_visit", "replaced", "on_notice"]
WHEN_TEXT = {
    "registry_visit": "登记当天带到婚姻登记处",
    "replaced": "无需提供：由电子证照或联办申请代替",
    "on_notice": "暂不需要：如部门通知需要再提供",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Upload(Strict):
    """How a material can be handed over online: a code departments name in a supplement request."""

    code: str = Field(pattern=r"^[a-z_]{3,40}$")
    name: str
    # True: the citizen may upload it with the application; False: only when the department asks.
    advance: bool


class Material(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")  # the same material shares one id across guides
    name: str
    form: Literal["原件", "复印件", "电子证照", "现场签署", "照片"]
    count: str
    who: str
    when: MaterialWhen
    notes: str = ""
    # Shown or signed at a counter in person: never uploaded.
    in_person: bool = False
    upload: Upload | None = None

    @model_validator(mode="after")
    def _in_person_or_upload(self) -> "Material":
        if self.in_person and self.upload is not None:
            raise ValueError(f"{self.id}: a material shown in person cannot also be uploaded")
        return self


class Office(Strict):
    name: str
    district: str


class Location(Strict):
    text: str
    offices: list[Office] = []


class Faq(Strict):
    q: str
    a: str
    aspect: Aspect | Literal["overview"]


class Source(Strict):
    url: AnyHttpUrl
    supports: str


class GuideBase(Strict):
    name: str
    summary: str
    version: str
    reviewed_on: date
    faq: list[Faq] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class MatterGuide(GuideBase):
    code: Matter
    department: Department
    conditions: list[str] = Field(min_length=1)
    materials: list[Material] = Field(min_length=1)
    process: list[str] = Field(min_length=1)
    fees: str = Field(min_length=1)
    time_limit: str = Field(min_length=1)
    location: Location
    legal_basis: list[str] = Field(min_length=1)


class BundleGuide(GuideBase):
    """The joint application as a whole: what holds across its matters, for each aspect (materials
    come from the matters' own lists, as the checklist)."""

    code: Literal["bundle"]
    conditions: list[str] = Field(min_length=1)
    process: list[str] = Field(min_length=1)
    fees: str = Field(min_length=1)
    time_limit: str = Field(min_length=1)
    location: str = Field(min_length=1)


class Cue(Strict):
    """Words that point at one matter or aspect, in three tiers (guides/vocabulary.yml says which
    tier counts when)."""

    words: list[str] = Field(min_length=1)
    topics: list[str] = []
    modals: list[str] = []


class Vocabulary(Strict):
    """Everyday words that point at a matter or an aspect, and synonyms (used by search and jieba)."""

    matters: dict[Matter | Literal["bundle"], Cue]
    aspects: dict[Aspect | Literal["overview"], Cue]
    synonyms: list[list[str]] = []
    extra_words: list[str] = []
    neutral: list[str] = []  # words that name nothing but hold a cue (第一次 holds 一次办)
    in_person: list[str] = []  # whether one must come in person: its aspect depends on the matter
    proxy: list[str] = []  # whether someone else may go for one: its aspect depends on the matter
    status: list[str] = []  # who one is (华侨, 军人): a condition, unless another word asks outright

    @model_validator(mode="after")
    def _covers_every_matter_and_aspect(self) -> "Vocabulary":
        missing = [str(k) for k in [*Matter, "bundle"] if k not in self.matters]
        missing += [str(k) for k in [*Aspect, "overview"] if k not in self.aspects]
        if missing:
            raise ValueError(f"no words for: {', '.join(missing)}")
        return self


class AspectExamples(RootModel[dict[Aspect | Literal["overview"], list[str]]]):
    """Example questions for each aspect (guides/aspect_examples.yml), the aspect model's data."""

    @model_validator(mode="after")
    def _covers_every_aspect(self) -> "AspectExamples":
        missing = [str(k) for k in [*Aspect, "overview"] if len(self.root.get(k, [])) < 5]
        if missing:
            raise ValueError(f"fewer than 5 examples for: {', '.join(missing)}")
        return self


# ---- API shapes ----


class Section(BaseModel):
    matter: str
    matter_name: str
    aspect: str
    aspect_name: str
    title: str
    text: str
    version: str
    source: str


class SearchHit(Section):
    score: float


class SearchResult(BaseModel):
    query: str
    detected_matter: str | None
    detected_aspect: str | None
    hits: list[SearchHit]


class GuideSummary(BaseModel):
    code: str
    name: str
    department: str | None
    summary: str
    version: str
    reviewed_on: date


class UploadOption(BaseModel):
    code: str = Field(description="材料代码；部门补充材料请求 result.required_materials 使用同一代码")
    name: str
    advance: bool = Field(description="true：可随申请提前上传；false：部门通知需要时再上传")
    matters: list[str] = []


class ChecklistItem(BaseModel):
    id: str
    name: str
    form: str
    count: str
    who: str
    when: MaterialWhen
    when_text: str
    notes: list[str]
    matters: list[str]
    matter_names: list[str]
    in_person: bool = Field(description="须本人到场出示或签署，不能在线上传")
    upload: UploadOption | None = Field(description="可在线上传时：材料代码、名称、能否提前上传")


class Checklist(BaseModel):
    matters: list[str]
    bring_to_registry: list[ChecklistItem]
    not_needed: list[ChecklistItem]
    on_notice: list[ChecklistItem]
    uploads_in_advance: list[UploadOption] = Field(description="可在进度查询页或对话中提前上传的材料")
    text: str
    versions: dict[str, str]
