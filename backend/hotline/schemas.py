from pydantic import BaseModel, Field

from backend.applications.schemas import ApplicationDraft
from backend.text import ApplicationNo, SafeStr


class HotlineApplicationIn(ApplicationDraft):
    """The caller's application as the agent typed it; the channel is set by the backend
    (`hotline`) and the agent is recorded, neither is the form's to choose."""


class CallerLookup(BaseModel):
    application_no: ApplicationNo = Field(examples=["HY261126ABCD1234"])
    id_number: SafeStr = Field(min_length=1, max_length=32, description="来电人报的任一方身份证号")


class HotlineWithdrawIn(CallerLookup):
    caller_consent: bool = Field(description="来电人已明确同意撤回（坐席勾选）")
