from datetime import datetime

from pydantic import BaseModel, Field

from backend.text import SafeStr


class RatingIn(BaseModel):
    score: int = Field(ge=1, le=5, description="1（非常不满意）到5（非常满意）")
    comment: SafeStr | None = Field(None, max_length=500, description="可选的意见建议")


class CommentIn(BaseModel):
    comment: SafeStr = Field(min_length=1, max_length=500, description="意见建议（评分之后补充，一次）")


class RatingState(BaseModel):
    application_no: str
    can_rate: bool = Field(description="全部事项办结且尚未评价")
    rated: bool
    score: int | None = None
    rated_at: datetime | None = None
    message: str


class Average(BaseModel):
    key: str
    name: str
    count: int
    average: float | None


class RatingSummary(BaseModel):
    total: int
    by_matter: list[Average]
    by_channel: list[Average]
