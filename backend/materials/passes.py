"""A citizen's pass for one application: issued once the citizen has proved who they are (the
progress look-up, the web chat session, or the assistant's service token with the conversation),
then shown with each upload or rating as `X-Application-Pass`. Signed and short-lived; it names
the application and the channel, never a person.

Format "p1.{application_no}.{channel}.{exp}.{hex HMAC-SHA256}"."""

import hashlib
import hmac
import re
import time

from backend.errors import Unauthorized
from backend.materials.config import get_materials_settings

VERSION = "p1"
CHANNELS = ("progress_page", "web", "wechat", "rest")
_NUMBER = re.compile(r"[A-Z0-9]{1,32}")
_EXP = re.compile(r"[0-9]{1,12}")
INVALID = "上传凭证无效或已过期，请重新查询进度（或刷新对话页面）后再上传。"


def _key() -> bytes:
    # Derived, so the file-sealing key itself never signs anything a client holds.
    return hmac.new(get_materials_settings().key.encode(), b"application-pass", hashlib.sha256).digest()


def _sig(body: str) -> str:
    return hmac.new(_key(), body.encode(), hashlib.sha256).hexdigest()


def issue(application_no: str, channel: str, now: int | None = None) -> tuple[str, int]:
    exp = int(now if now is not None else time.time()) + get_materials_settings().pass_ttl_seconds
    body = f"{VERSION}.{application_no}.{channel}.{exp}"
    return f"{body}.{_sig(body)}", exp


def verify(token: str | None, now: int | None = None) -> tuple[str, str]:
    """(application_no, channel) of a genuine unexpired pass; 401 in Chinese otherwise."""
    parts = (token or "").strip().split(".")
    if len(parts) != 5:
        raise Unauthorized(INVALID)
    version, number, channel, exp, sig = parts
    if version != VERSION or not _NUMBER.fullmatch(number) or channel not in CHANNELS or not _EXP.fullmatch(exp):
        raise Unauthorized(INVALID)
    expected = _sig(f"{version}.{number}.{channel}.{exp}")
    if not hmac.compare_digest(expected.encode(), sig.encode("utf-8", "replace")):
        raise Unauthorized(INVALID)
    if int(exp) <= int(now if now is not None else time.time()):
        raise Unauthorized(INVALID)
    return number, channel
