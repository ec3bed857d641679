"""A WeChat follower answers a police supplement request with a photo: the channel fetches the
image through (a fake of) WeChat's media API and hands it to the backend for the follower's own
application; the reply is the backend's confirmation, and the timeline shows it."""

import asyncio
import shutil
import threading
import uuid

import httpx
import pytest
from aiohttp import web

from backend.simulator.client import DepartmentClient
from tests.backend.helpers import application_body
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_wechat import AES_KEY, APP_ID, TOKEN, WeChatUser
from tests.support import files
from tests.support.stack import Stack, free_port

SERVICE = {"Authorization": "Bearer local-service-token"}
CERTIFICATE = {"certificate_no": "J310115-2024-000123", "registered_at": "2024-05-20"}


class FakeWeChatMedia:
    """WeChat's token, customer-service and temporary-media endpoints on real HTTP."""

    def __init__(self):
        self.media: dict[str, bytes] = {}
        self.sent: list[dict] = []
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)

    async def _token(self, request):
        return web.json_response({"access_token": "token-1", "expires_in": 7200})

    async def _send(self, request):
        self.sent.append(await request.json())
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    async def _media(self, request):
        data = self.media.get(request.query.get("media_id", ""))
        if data is None or request.query.get("access_token") != "token-1":
            return web.json_response({"errcode": 40007, "errmsg": "invalid media_id"})
        return web.Response(body=data, content_type="image/jpeg")

    async def _start(self):
        app = web.Application()
        app.router.add_get("/cgi-bin/token", self._token)
        app.router.add_post("/cgi-bin/message/custom/send", self._send)
        app.router.add_get("/cgi-bin/media/get", self._media)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()


@pytest.fixture(scope="module")
def media_stack():
    workdir = ARTIFACTS / "wechat-media-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    fake = FakeWeChatMedia()
    stack = Stack(workdir)
    stack.extra_env = {
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_APP_ID": APP_ID,
        "WECHAT_AES_KEY": AES_KEY,
        "WECHAT_API_BASE": f"http://127.0.0.1:{fake.port}",
        "WECHAT_STORE_URL": str(workdir / "wechat-store.sqlite3"),
        "WECHAT_REPLY_TIMEOUT": "4",
    }
    stack.start()
    yield stack, fake
    stack.stop()


def image_xml(user: WeChatUser, media_id: str) -> str:
    user.msg_id += 1
    return user.xml(
        "<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.example/x]]></PicUrl>"
        f"<MediaId><![CDATA[{media_id}]]></MediaId><MsgId>{user.msg_id}</MsgId>"
    )


def answer(user: WeChatUser, fake: FakeWeChatMedia, media_id: str) -> str:
    """The passive reply, or (when the work took longer than WeChat's window) the pushed one."""
    before = len(fake.sent)
    text = user.reply_text(user.post(image_xml(user, media_id)))
    for _ in range(300):
        if text or len(fake.sent) > before:
            break
        asyncio.run(asyncio.sleep(0.1))
    return text or fake.sent[-1]["text"]["content"]


def test_photo_over_wechat_answers_the_supplement_request(media_stack):
    stack, fake = media_stack
    user = WeChatUser(stack)
    conversation = f"wechat:{user.openid}"
    fake.media["m-early"] = files.photo_with_exif()
    assert "还没有" in answer(user, fake, "m-early")  # no application yet: nothing taken

    body = application_body(["hukou_migration"], marriage=CERTIFICATE, channel="wechat", conversation_id=conversation)
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications", json=body, headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code == 201, r.text
    number = r.json()["application_no"]
    police = DepartmentClient("public_security", stack.backend_url)
    asked = police.push(
        number,
        "hukou_migration",
        "needs_supplement",
        note="请发送户口簿户主页和本人页的照片",
        result={"required_materials": ["household_register_pages"]},
    )
    assert asked.status_code == 200, asked.text

    fake.media["m-pages"] = files.photo_with_exif(1024, 768)
    reply = answer(user, fake, "m-pages")
    assert "已收到您上传的《户口簿户主页和本人页》" in reply and "公安部门会审核" in reply, reply

    [case] = [c for c in police.cases("needs_supplement").json() if c["application_no"] == number]
    assert case["supplement_received"] is True
    got = police.download(case["materials"][0]["id"])
    assert got.status_code == 200 and files.EXIF_MARKER.encode() not in got.content
    progress = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query",
        json={"application_no": number, "id_number": body["applicant"]["id_number"]},
    ).json()
    assert any(t["note"] == "已上传补充材料：户口簿户主页和本人页" for t in progress["timeline"])

    # A file that is not an image is refused with the backend's reason, and nothing is stored.
    fake.media["m-exe"] = files.renamed_executable()
    assert "无法识别的文件类型" in answer(user, fake, "m-exe")

    assert police.push(number, "hukou_migration", "in_review", note="已收到").status_code == 200
    assert police.push(number, "hukou_migration", "completed", note="迁移已办结").status_code == 200
