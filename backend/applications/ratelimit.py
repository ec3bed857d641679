"""Failed look-ups counted in the database, so the limit holds across processes."""

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backend.applications.config import get_lookup_settings
from backend.applications.models import FailedLookup
from backend.clock import now_utc
from backend.database import write_transaction
from backend.errors import TooManyAttempts


def _since():
    return now_utc() - timedelta(seconds=get_lookup_settings().window_seconds)


def ensure_not_limited(session: Session, buckets: list[str]) -> None:
    worst = session.scalar(
        select(func.count())
        .select_from(FailedLookup)
        .where(FailedLookup.bucket.in_(buckets), FailedLookup.created_at >= _since())
        .group_by(FailedLookup.bucket)
        .order_by(func.count().desc())
        .limit(1)
    )
    settings = get_lookup_settings()
    if (worst or 0) >= settings.max_failures:
        raise TooManyAttempts(
            f"查询失败次数过多，请{settings.window_seconds // 60}分钟后再试；如忘记申请编号，请拨打12345市民服务热线。",
        )


def record_failure(session: Session, buckets: list[str]) -> None:
    """Committed at once: the failure must count even though the request is refused."""
    with write_transaction(session):
        session.execute(delete(FailedLookup).where(FailedLookup.created_at < _since()))
        session.add_all(FailedLookup(bucket=b) for b in buckets)
