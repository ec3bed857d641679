"""The FastAPI application: routers by domain, one error shape, guides validated at start."""

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from backend.applications.router import router as applications_router
from backend.chat_sessions.router import router as chat_sessions_router
from backend.config import get_settings
from backend.departments.router import router as departments_router
from backend.errors import install_error_handlers
from backend.guides.router import router as guides_router
from backend.guides.search import get_index
from backend.handoffs.router import router as handoffs_router
from backend.handoffs.staff_router import router as console_handoffs_router
from backend.health import router as health_router
from backend.hotline.router import router as hotline_router
from backend.materials import encoder
from backend.materials.router import router as materials_router
from backend.materials.router import upload_body_limit
from backend.network.body_limit import BodyLimit
from backend.notices.router import router as notices_router
from backend.notices.router import supervisors as notices_supervisors_router
from backend.progress.router import router as progress_router
from backend.ratings.router import router as ratings_router
from backend.ratings.router import supervisors as ratings_supervisors_router
from backend.staff.router import router as staff_router
from backend.vocabulary.router import router as vocabulary_router
from backend.web.router import install_web
from security.guard import enforce

DESCRIPTION = """婚育一件事 · 联办后台：一次申请、部门签名推送、电子结婚证联动、统一进度查询。

所有错误返回 `{"detail": "中文说明", "errors": [{"field", "message"}]}`。"""


@asynccontextmanager
async def _lifespan(_app: FastAPI):
    yield
    encoder.shutdown()  # the upload-judging processes end with the backend


def create_app() -> FastAPI:
    enforce("backend")  # production refuses local, empty or short secrets
    get_settings()
    get_index()  # load and validate guides now, not on the first question
    app = FastAPI(title="婚育一件事 联办后台", version="1.0.0", description=DESCRIPTION, lifespan=_lifespan)
    install_error_handlers(app)
    for router in (
        health_router,
        applications_router,
        progress_router,
        departments_router,
        guides_router,
        handoffs_router,
        chat_sessions_router,
        staff_router,
        console_handoffs_router,
        hotline_router,
        vocabulary_router,
        materials_router,
        ratings_router,
        ratings_supervisors_router,
        notices_router,
        notices_supervisors_router,
    ):
        app.include_router(router)
    app.add_middleware(
        BodyLimit, routes=(upload_body_limit(),)
    )  # added before install_web's headers, so the 413 carries them too
    install_web(app)
    logging.getLogger("backend").info("backend ready")
    return app
