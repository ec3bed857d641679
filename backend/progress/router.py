from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from backend.applications.callers import Caller
from backend.applications.dependencies import caller
from backend.applications.ownership import find_for_citizen
from backend.database import get_db
from backend.errors import ErrorBody
from backend.progress import stream
from backend.progress.schemas import ProgressOut, ProgressQuery
from backend.progress.service import build_progress

router = APIRouter(prefix="/api/v1/progress", tags=["progress"])


@router.post(
    "/query",
    response_model=ProgressOut,
    summary="查询办理进度（申请编号 + 任一方身份证号）",
    responses={
        404: {"model": ErrorBody, "description": "编号不存在或身份证号不匹配（两者答复相同）"},
        429: {
            "model": ErrorBody,
            "description": "10分钟内失败5次（按申请编号或按调用方；申请人在提交申请的会话中不受他人失败影响）",
        },
    },
)
def query_progress(body: ProgressQuery, who: Caller = Depends(caller), db: Session = Depends(get_db)) -> ProgressOut:
    app = find_for_citizen(db, body.application_no, body.id_number, who)
    return build_progress(db, app).model_copy(update={"stream_token": stream.issue(app.application_no)})


@router.get(
    "/stream",
    summary="实时进度（SSE）：凭进度查询返回的 stream_token 订阅",
    description=(
        "text/event-stream：先发送一次 `event: progress`（与查询结果相同的脱敏进度），之后每当办理状态变化再发送一次；"
        "凭证过期时发送 `event: expired` 并结束，页面重新查询即可。地址中只有凭证，没有身份证号。"
    ),
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "事件流"},
        401: {"model": ErrorBody, "description": "凭证无效或已过期"},
    },
)
async def progress_stream(
    token: Annotated[str, Query(max_length=200, description="进度查询返回的 stream_token")],
) -> StreamingResponse:
    number, exp = stream.verify(token)
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream.events(number, exp), media_type="text/event-stream", headers=headers)
