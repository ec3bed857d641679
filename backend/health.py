from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from backend.database import get_engine

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="进程存活")
def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz", summary="数据库可用", responses={503: {"description": "数据库不可用"}})
def readyz() -> JSONResponse:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse(status_code=503, content={"status": "unavailable", "detail": "数据库暂时不可用"})
    return JSONResponse(content={"status": "ready"})
