import re

from fastapi import APIRouter, Depends, Header, Path, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from backend.database import get_db
from backend.errors import ErrorBody, Invalid, TooLarge, UnsupportedType
from backend.materials import access, service
from backend.materials.config import get_materials_settings
from backend.materials.encoder import judge_elsewhere
from backend.materials.inspect import Refused
from backend.materials.schemas import MaterialsOut, PassOut, PassRequest, UploadOut
from backend.network.body_limit import RouteLimit
from backend.network.client import client_address

router = APIRouter(prefix="/api/v1/materials", tags=["materials"])

PASS_HEADER = Header(None, alias="X-Application-Pass", description="POST /api/v1/materials/passes 签发的凭证")
_PASS_ERRORS = {401: {"model": ErrorBody, "description": "凭证无效或已过期"}}


@router.post(
    "/passes",
    response_model=PassOut,
    summary="申请人取得本人申请的上传凭证（三种身份证明之一）",
    description="进度查询页：application_no + id_number（与进度查询同样限流）；网页对话：session_token；"
    "对话机器人或微信渠道：Authorization: Bearer <BACKEND_SERVICE_TOKEN> + conversation_id。"
    "凭证只对应这一份申请，30分钟内有效。",
    responses={
        401: {"model": ErrorBody, "description": "会话令牌或服务令牌无效"},
        403: {"model": ErrorBody, "description": "申请不是本对话提交的"},
        404: {"model": ErrorBody, "description": "编号和身份证号不匹配，或本对话没有申请"},
        429: {"model": ErrorBody, "description": "查询失败次数过多"},
    },
)
def open_pass(
    body: PassRequest,
    request: Request,
    authorization: str | None = Header(None, description="仅按会话 id 时：Bearer <BACKEND_SERVICE_TOKEN>"),
    db: Session = Depends(get_db),
) -> PassOut:
    return access.open_pass(db, body, authorization, client_address(request))


@router.get(
    "",
    response_model=MaterialsOut,
    responses=_PASS_ERRORS,
    summary="本申请需要的材料（部门要求补充的、可提前上传的）和已收到的材料",
)
def my_materials(x_application_pass: str | None = PASS_HEADER, db: Session = Depends(get_db)) -> MaterialsOut:
    app, _channel = access.application_of_pass(db, x_application_pass)
    return service.materials_status(db, app)


@router.post(
    "/files/{code}",
    response_model=UploadOut,
    status_code=201,
    summary="上传一份材料（请求体为文件本身；再次上传同一材料即替换）",
    description="只接受 JPG、PNG、PDF，按文件内容判断（与文件名、Content-Type 无关）；图片重新编码并去除 EXIF/GPS；"
    "含脚本、自动动作或嵌入文件的 PDF 不予接收；单个文件不超过 MATERIALS_MAX_FILE_BYTES（10 MB），"
    "每份申请合计不超过 MATERIALS_MAX_TOTAL_BYTES（50 MB）。文件加密保存，没有可访问的网址。",
    responses={
        **_PASS_ERRORS,
        413: {"model": ErrorBody, "description": "文件或合计过大（未保存）"},
        415: {"model": ErrorBody, "description": "不是 JPG/PNG/PDF，或 PDF 含主动内容，或图片过大/损坏（未保存）"},
        422: {"model": ErrorBody, "description": "本申请目前不需要这项材料"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in service.ACCEPTED_TYPES},
        }
    },
)
async def upload(
    request: Request,
    code: str = Path(pattern=r"^[a-z_]{3,40}$", description="材料代码（见办事指南和 GET /api/v1/materials）"),
    x_application_pass: str | None = PASS_HEADER,
    db: Session = Depends(get_db),
) -> UploadOut:
    app, channel = await run_in_threadpool(access.application_of_pass, db, x_application_pass)
    await run_in_threadpool(service.check_code, db, app, code)
    data = await request.body()  # bounded by the upload route's own body limit (network.body_limit)
    limit = get_materials_settings().max_file_bytes
    if not data:
        raise Invalid("没有收到文件内容，请选择照片或PDF后重新上传。")
    if len(data) > limit:
        raise TooLarge(f"文件超过{limit / (1 << 20):g} MB，未保存。请压缩或分页拍照后重新上传。")
    try:
        cleaned = await judge_elsewhere(data)
    except Refused as exc:
        raise UnsupportedType(str(exc)) from None
    return await run_in_threadpool(service.store_upload, db, app, code, cleaned, channel)


def upload_body_limit() -> RouteLimit:
    """The upload route's own body limit: one file of the configured size, nothing more."""
    return RouteLimit(
        method="POST",
        path=re.compile(r"/api/v1/materials/files/[a-z_]{3,40}"),
        max_bytes=get_materials_settings().max_file_bytes,
        detail="文件过大：超过{limit}的上限，未保存。请压缩照片或分页拍照后重新上传。",
    )
