"""Who may hand over materials for which application (CONTRACT §5): a citizen for their own
application only, proved the same way as for progress, or by the conversation that submitted it."""

import time
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.applications.callers import Caller
from backend.applications.models import Application
from backend.applications.numbers import normalise
from backend.applications.ownership import find_for_citizen
from backend.applications.service import latest_of_conversation
from backend.auth import is_service
from backend.chat_sessions import tokens
from backend.chat_sessions.config import get_chat_session_settings
from backend.chat_sessions.service import SENDER_PREFIX
from backend.errors import Forbidden, Invalid, NotFound, Unauthorized
from backend.materials import passes
from backend.materials.schemas import PassOut, PassRequest

ONE_PROOF = "请提供一种身份证明：申请编号和任一方身份证号（进度查询页），或对话会话令牌 session_token（网页对话）。"
NO_APPLICATION = (
    "这个对话还没有提交过联办申请，无法上传材料。请先在对话中提交申请，或在进度查询页凭申请编号和身份证号上传。"
)
NOT_YOURS = "只能为本人（本对话提交）的申请上传材料或评价；如需办理其他申请，请在进度查询页凭申请编号和身份证号操作。"


def _by_conversation(session: Session, conversation_id: str, application_no: str | None) -> Application:
    app = latest_of_conversation(session, conversation_id)
    if app is None:
        raise NotFound(NO_APPLICATION)
    if application_no is not None and normalise(application_no) != app.application_no:
        raise Forbidden(NOT_YOURS)
    return app


def _channel_of(conversation_id: str) -> str:
    prefix = conversation_id.split(":", 1)[0]
    return prefix if prefix in passes.CHANNELS else "rest"


def open_pass(session: Session, body: PassRequest, authorization: str | None, address: str) -> PassOut:
    proofs = [body.id_number, body.session_token, body.conversation_id]
    if sum(p is not None for p in proofs) != 1:
        raise Invalid(ONE_PROOF)
    if body.id_number is not None:
        if body.application_no is None:
            raise Invalid("请同时填写申请编号和身份证号。")
        app = find_for_citizen(session, body.application_no, body.id_number, Caller(address=address))
        channel = "progress_page"
    elif body.session_token is not None:
        settings = get_chat_session_settings()
        session_id = tokens.verify(settings.secret, body.session_token, int(time.time()))
        if session_id is None:
            raise Unauthorized("对话会话无效或已过期，请刷新页面后再上传。")
        app = _by_conversation(session, SENDER_PREFIX + session_id, body.application_no)
        channel = "web"
    else:
        if not is_service(authorization):
            raise Unauthorized("按会话 id 上传须携带服务令牌：Authorization: Bearer <BACKEND_SERVICE_TOKEN>。")
        app = _by_conversation(session, body.conversation_id, body.application_no)
        channel = _channel_of(body.conversation_id)
    token, exp = passes.issue(app.application_no, channel)
    return PassOut(
        application_no=app.application_no,
        pass_token=token,
        expires_at=datetime.fromtimestamp(exp, UTC),
        channel=channel,
    )


def application_of_pass(session: Session, token: str | None) -> tuple[Application, str]:
    number, channel = passes.verify(token)
    app = session.scalar(select(Application).where(Application.application_no == number))
    if app is None:
        raise Unauthorized(passes.INVALID)
    return app, channel
