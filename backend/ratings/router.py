from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from backend.database import get_db
from backend.errors import ErrorBody
from backend.materials.access import application_of_pass
from backend.materials.router import PASS_HEADER
from backend.ratings import service
from backend.ratings.schemas import CommentIn, RatingIn, RatingState, RatingSummary
from backend.staff.dependencies import StaffPrincipal, require_supervisor

router = APIRouter(prefix="/api/v1/ratings", tags=["ratings"])


@router.get(
    "/mine",
    response_model=RatingState,
    responses={401: {"model": ErrorBody, "description": "凭证无效或已过期"}},
    summary="本申请能否评价、是否已评价（凭 X-Application-Pass）",
)
def my_rating(x_application_pass: str | None = PASS_HEADER, db: Session = Depends(get_db)) -> RatingState:
    app, _channel = application_of_pass(db, x_application_pass)
    return service.state(db, app)


@router.post(
    "/mine",
    response_model=RatingState,
    status_code=201,
    responses={
        401: {"model": ErrorBody, "description": "凭证无效或已过期"},
        409: {"model": ErrorBody, "description": "尚有事项未办结，或已评价过"},
        422: {"model": ErrorBody, "description": "分数不在1–5之间，或意见超过500字"},
    },
    summary="全部事项办结后评价一次（1–5分，可附意见；凭 X-Application-Pass）",
)
def rate(body: RatingIn, x_application_pass: str | None = PASS_HEADER, db: Session = Depends(get_db)) -> RatingState:
    app, channel = application_of_pass(db, x_application_pass)
    return service.rate(db, app, body, channel)


@router.post(
    "/mine/comment",
    response_model=RatingState,
    responses={
        401: {"model": ErrorBody, "description": "凭证无效或已过期"},
        409: {"model": ErrorBody, "description": "尚未评分，或已留过意见"},
        422: {"model": ErrorBody, "description": "意见为空或超过500字"},
    },
    summary="评分之后补充一次意见（对话中先打分、后留言；凭 X-Application-Pass）",
)
def comment(
    body: CommentIn, x_application_pass: str | None = PASS_HEADER, db: Session = Depends(get_db)
) -> RatingState:
    app, _channel = application_of_pass(db, x_application_pass)
    return service.add_comment(db, app, body)


# Supervisors (staff sign-in, CONTRACT §5): the averages, no single citizen's rating or comment.
supervisors = APIRouter(prefix="/api/v1/staff/ratings", tags=["ratings"])


@supervisors.get(
    "/summary",
    response_model=RatingSummary,
    responses={
        401: {"model": ErrorBody, "description": "未登录工作人员账号"},
        403: {"model": ErrorBody, "description": "不是主管"},
    },
    summary="好差评汇总：按事项和渠道的平均分（仅主管）",
)
def rating_summary(
    _staff: StaffPrincipal = Depends(require_supervisor), db: Session = Depends(get_db)
) -> RatingSummary:
    return service.summary(db)
