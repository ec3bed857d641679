"""One error shape for every refusal: a Chinese `detail` and, for bad input, one entry per field."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from backend.field_labels import label_for


class FieldError(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    detail: str
    errors: list[FieldError] = []


class DomainError(Exception):
    """A refusal a service raises in its own terms; its kind decides the HTTP status, in the one
    handler below, so services need not know HTTP."""

    status_code = 400

    def __init__(self, detail: str, errors: list[FieldError] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class Unauthorized(DomainError):
    """The caller did not prove who it is (a missing, forged or expired token)."""

    status_code = 401


class Forbidden(DomainError):
    """The caller is known but may not do this (another department's file, not a supervisor)."""

    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    """The state does not allow it now (already withdrawn, already claimed, a key reused)."""

    status_code = 409


class TooLarge(DomainError):
    status_code = 413


class UnsupportedType(DomainError):
    """A file of a kind the service does not take."""

    status_code = 415


class Invalid(DomainError):
    status_code = 422


class TooManyAttempts(DomainError):
    status_code = 429


class Unavailable(DomainError):
    """A service this one depends on (the assistant) does not answer; trying later may help."""

    status_code = 503


def invalid(errors: list[FieldError]) -> Invalid:
    return Invalid("提交的信息有误，请按提示修改后重新提交。", errors)


def chinese_field_error(err: dict) -> FieldError:
    kind = err.get("type", "")
    # A JSON syntax error's location is a character offset, not a field.
    loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "header")] if kind != "json_invalid" else []
    field = ".".join(loc) or "body"
    label = label_for(field)
    if kind == "missing":
        message = f"缺少{label}，请补充后重新提交。"
    elif kind.startswith("datetime"):
        message = f"{label}不是有效时间，请用“2026-12-08T10:00:00+08:00”这样的格式（不带时区的按上海时间理解）。"
    elif kind.startswith("date"):
        message = f"{label}不是有效日期，请用“2026-12-08”这样的格式。"
    elif kind.startswith("int"):
        message = f"{label}应为整数。"
    elif kind.startswith("bool"):
        message = f"{label}应为“是”或“否”（true/false）。"
    elif kind == "json_invalid":
        message = "请求内容不是有效的 JSON，请检查格式。"
    elif kind == "extra_forbidden":
        message = f"“{field}”不是可以填写的字段，请核对字段名或删去它（可填写的字段见 /docs 或 /api/v1/catalog）。"
    elif kind == "literal_error" or kind == "enum":
        message = f"{label}取值不在可选范围内。"
    else:
        message = f"{label}格式不正确，请检查后重新提交。"
    return FieldError(field=field, message=message)


# Refusals Starlette and FastAPI make themselves (no route, wrong method, a body they cannot read).
HTTP_DETAIL = {
    400: "请求内容无法读取，请检查格式后重新发送。",
    404: "没有这个地址，请核对网址；接口说明见 /docs。",
    405: "这个地址不支持该请求方法（GET、POST 等），接口说明见 /docs。",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def _http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        detail = HTTP_DETAIL.get(exc.status_code, f"请求无法处理（HTTP {exc.status_code}），请检查后重试。")
        return JSONResponse(
            status_code=exc.status_code, content=ErrorBody(detail=detail).model_dump(), headers=exc.headers
        )

    @app.exception_handler(DomainError)
    async def _domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        body = ErrorBody(detail=exc.detail, errors=exc.errors)
        return JSONResponse(status_code=exc.status_code, content=body.model_dump())

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [chinese_field_error(e) for e in exc.errors()]
        body = ErrorBody(detail="请求内容有误，请按提示修改后重新提交。", errors=errors)
        return JSONResponse(status_code=422, content=body.model_dump())
