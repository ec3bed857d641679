from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from backend.database import get_db
from backend.departments import service
from backend.departments.schemas import DepartmentCase, DepartmentEvent, EventAccepted
from backend.departments.signing import Signed, check, verify
from backend.errors import ErrorBody, NotFound
from backend.materials import service as materials_service
from backend.materials.inspect import EXTENSIONS
from backend.matters.catalog import Department

router = APIRouter(prefix="/api/v1/departments", tags=["departments"])

_SIGNED_HEADERS = {
    "X-Timestamp": "Unix 秒；与服务器时间相差不超过300秒",
    "X-Signature": 'hex(HMAC-SHA256(部门密钥, "{timestamp}.{METHOD}.{path?query}.{raw body}"))',
}
_REPLAY_RULE = (
    "防重放：同一部门的同一签名（即同一时间戳和同一请求）只受理一次，即使换用新的 Idempotency-Key，"
    "再次发送也不记录任何内容并返回401；唯一例外是原样重发且 Idempotency-Key 相同的请求，"
    "它被视为重试，返回第一次的答复，不重复记录。发送新的事件请用新的时间戳重新签名。"
)
_ERRORS = {
    401: {
        "model": ErrorBody,
        "description": "缺少或错误的签名，时间戳超出±300秒，或签名已使用过（重放）；签名先于其他检查，未签名的请求一律401",
    },
    403: {"model": ErrorBody, "description": "其他部门的事项"},
    404: {"model": ErrorBody, "description": "没有这个部门，申请不存在，或未申请该事项"},
    409: {"model": ErrorBody, "description": "状态表不允许的变更，或同一键不同内容"},
    422: {"model": ErrorBody, "description": "请求体有误"},
}


def _department(request: Request) -> Department:
    department = request.path_params["department"]
    if department not in Department.__members__:
        raise NotFound(f"没有这个部门，可选：{'、'.join(Department)}。")
    return Department(department)


async def signed_body(
    request: Request,
    x_timestamp: str | None = Header(None, description=_SIGNED_HEADERS["X-Timestamp"]),
    x_signature: str | None = Header(None, description=_SIGNED_HEADERS["X-Signature"]),
) -> bytes:
    """The verified raw body of a request that is not a replay. A dependency, so that it runs
    before FastAPI validates the query and the other headers: whatever else is wrong, an unsigned
    request learns nothing but 401."""
    return await verify(request, _department(request))


async def signed_push(
    request: Request,
    x_timestamp: str | None = Header(None, description=_SIGNED_HEADERS["X-Timestamp"]),
    x_signature: str | None = Header(None, description=_SIGNED_HEADERS["X-Signature"]),
) -> Signed:
    """As `signed_body`, but the push remembers its signature in the transaction of its change."""
    return await check(request, _department(request))


@router.post(
    "/{department}/events",
    response_model=EventAccepted,
    responses=_ERRORS,
    summary="部门推送办理进度和结果（签名）",
    description="请求头：" + "；".join(f"{k}：{v}" for k, v in _SIGNED_HEADERS.items()) + "。" + _REPLAY_RULE,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": DepartmentEvent.model_json_schema()}},
        }
    },
)
async def push_event(
    department: Department,
    signed: Signed = Depends(signed_push),
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="每个事件唯一；重发时沿用"),
    db: Session = Depends(get_db),
) -> JSONResponse:
    status_code, content = await run_in_threadpool(service.apply_push, db, signed, idempotency_key or "")
    return JSONResponse(status_code=status_code, content=content)


@router.get(
    "/{department}/cases",
    response_model=list[DepartmentCase],
    responses=_ERRORS,
    dependencies=[Depends(signed_body)],
    summary="部门待办事项（签名，空请求体）",
    description="每个签名只能使用一次：同一秒内再次查询同一地址时，可在查询串中附加任意未用参数（如 &nonce=随机值）后签名。",
)
async def list_cases(
    department: Department,
    status: str = Query("in_review", description="事项状态"),
    limit: int = Query(100, ge=1, le=500),
    db: Session = Depends(get_db),
) -> list[DepartmentCase]:
    return await run_in_threadpool(service.work_list, db, department, status, limit)


@router.get(
    "/{department}/materials/{material_id}",
    responses={
        **_ERRORS,
        200: {"content": {t: {} for t in ("image/jpeg", "image/png", "application/pdf")}, "description": "文件本身"},
        403: {"model": ErrorBody, "description": "其他部门事项的材料"},
        404: {"model": ErrorBody, "description": "没有这份材料，或已被申请人替换"},
    },
    dependencies=[Depends(signed_body)],
    summary="下载申请人上传的材料（签名，空请求体；仅本部门事项）",
    description="材料编号来自待办列表的 materials[].id。每个签名只能使用一次。",
)
async def download_material(
    department: Department,
    material_id: str = Path(pattern=r"^m[0-9a-f]{32}$"),
    db: Session = Depends(get_db),
) -> Response:
    material, data = await run_in_threadpool(materials_service.download, db, department.value, material_id)
    return Response(
        content=data,
        media_type=material.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{material.code}.{EXTENSIONS[material.content_type]}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
