"""The WeChat channel's image relay against local fakes of WeChat's media API and the backend:
the media fetch is bounded, the first missing material is chosen (requested ones first), and the
reply is what the backend said."""

import asyncio
import socket

from aiohttp import web

from bot.channels.wechat_api import MediaTooLarge, WeChatApi
from bot.channels.wechat_media import NO_APPLICATION, MaterialsRelay
from bot.channels.wechat_store import SqliteStore

PHOTO = b"\xff\xd8\xff" + b"photo" * 100


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _serve(routes: list) -> tuple[web.AppRunner, str]:
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app)
    await runner.setup()
    port = _port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}"


def _wechat_routes(media: dict[str, bytes]) -> list:
    async def token(_request):
        return web.json_response({"access_token": "t", "expires_in": 7200})

    async def get_media(request):
        data = media.get(request.query["media_id"])
        if data is None:
            return web.json_response({"errcode": 40007, "errmsg": "invalid media_id"})
        return web.Response(body=data, content_type="image/jpeg")

    return [web.get("/cgi-bin/token", token), web.get("/cgi-bin/media/get", get_media)]


def test_media_fetch_is_bounded(tmp_path):
    async def run():
        runner, base = await _serve(_wechat_routes({"big": b"x" * 300_000, "small": PHOTO}))
        api = WeChatApi(base, "wx", "secret", SqliteStore(str(tmp_path / "s.sqlite3")))
        try:
            assert await api.get_media("small", 200_000) == PHOTO
            try:
                await api.get_media("big", 200_000)
            except MediaTooLarge as e:
                assert e.max_bytes == 200_000
            else:
                raise AssertionError("an oversized file was read whole")
        finally:
            await api._http().close()
            await runner.cleanup()

    asyncio.run(run())


def test_relay_uploads_the_requested_material_first(tmp_path):
    uploads: list[tuple[str, bytes]] = []

    async def passes(request):
        body = await request.json()
        assert request.headers["Authorization"] == "Bearer svc"
        if body["conversation_id"] == "wechat:nobody":
            return web.json_response({"detail": "none"}, status=404)
        return web.json_response({"pass_token": "p1.X"})

    async def materials(_request):
        return web.json_response(
            {
                "wanted": [
                    {"code": "household_head_consent", "name": "户主同意书", "received": False},
                    {"code": "household_register_pages", "name": "户口簿户主页和本人页", "received": False},
                ]
            }
        )

    async def upload(request):
        uploads.append((request.match_info["code"], await request.read()))
        message = "已收到您上传的《户主同意书》（图片）。还可以上传：《户口簿户主页和本人页》。"
        return web.json_response({"message": message}, status=201)

    async def run():
        wechat, wechat_base = await _serve(_wechat_routes({"m1": PHOTO}))
        backend, backend_base = await _serve(
            [
                web.post("/api/v1/materials/passes", passes),
                web.get("/api/v1/materials", materials),
                web.post("/api/v1/materials/files/{code}", upload),
            ]
        )
        api = WeChatApi(wechat_base, "wx", "secret", SqliteStore(str(tmp_path / "s.sqlite3")))
        relay = MaterialsRelay(api, backend_base, "svc")
        try:
            assert await relay.handle("wechat:nobody", "m1") == NO_APPLICATION
            reply = await relay.handle("wechat:o1", "m1")
            assert reply == "已收到您上传的《户主同意书》（图片）。还可以上传：《户口簿户主页和本人页》。"
        finally:
            await api._http().close()
            await wechat.cleanup()
            await backend.cleanup()

    asyncio.run(run())
    assert uploads == [("household_head_consent", PHOTO)]
