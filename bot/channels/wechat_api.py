"""The Official Account API the channel needs: the access_token (cached in the shared store until
shortly before it expires) and customer-service text messages for replies that miss the 5 s
window. aiohttp only: nothing here blocks the event loop."""

import logging

import aiohttp

from bot.channels.wechat_store import SharedStore

logger = logging.getLogger(__name__)
TOKEN_KEY = "access_token"
EXPIRED_TOKEN_CODES = {40001, 40014, 42001}
EARLY_REFRESH_SECONDS = 300


class WeChatApiError(Exception):
    pass


class WeChatApi:
    def __init__(self, api_base: str, app_id: str, app_secret: str, store: SharedStore):
        self.api_base = api_base.rstrip("/")
        self.app_id = app_id
        self.app_secret = app_secret
        self.store = store
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def access_token(self, refresh: bool = False) -> str:
        if not refresh:
            cached = await self.store.get(TOKEN_KEY)
            if cached:
                return cached
        params = {"grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret}
        async with self._http().get(f"{self.api_base}/cgi-bin/token", params=params) as response:
            data = await response.json(content_type=None)
        if "access_token" not in data:
            raise WeChatApiError(f"token refused: {data.get('errcode')} {data.get('errmsg')}")
        ttl = max(int(data.get("expires_in", 7200)) - EARLY_REFRESH_SECONDS, 60)
        await self.store.set(TOKEN_KEY, data["access_token"], ttl)
        return data["access_token"]

    async def send_text(self, openid: str, content: str) -> None:
        body = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        for attempt in range(2):
            token = await self.access_token(refresh=attempt > 0)
            url = f"{self.api_base}/cgi-bin/message/custom/send"
            async with self._http().post(url, params={"access_token": token}, json=body) as response:
                data = await response.json(content_type=None)
            code = data.get("errcode", 0)
            if code == 0:
                return
            if code not in EXPIRED_TOKEN_CODES:
                break
            await self.store.delete(TOKEN_KEY)
        # The openid identifies a person: it is not logged.
        logger.warning("customer-service message refused: %s", data.get("errcode"))
        raise WeChatApiError(f"send refused: {data.get('errcode')}")

    async def get_media(self, media_id: str, max_bytes: int) -> bytes:
        """A temporary media file (an image a follower sent), at most `max_bytes`: WeChat answers
        errors as JSON, files as bytes. Read in chunks, so an oversized file is not held whole."""
        for attempt in range(2):
            token = await self.access_token(refresh=attempt > 0)
            url = f"{self.api_base}/cgi-bin/media/get"
            async with self._http().get(url, params={"access_token": token, "media_id": media_id}) as response:
                if "json" not in (response.content_type or "") and response.status == 200:
                    data = bytearray()
                    async for chunk in response.content.iter_chunked(64 * 1024):
                        data += chunk
                        if len(data) > max_bytes:
                            raise MediaTooLarge(max_bytes)
                    return bytes(data)
                error = await response.json(content_type=None)
            code = error.get("errcode")
            if code not in EXPIRED_TOKEN_CODES:
                break
            await self.store.delete(TOKEN_KEY)
        raise WeChatApiError(f"media refused: {code}")


class MediaTooLarge(WeChatApiError):
    def __init__(self, max_bytes: int):
        super().__init__(f"media over {max_bytes} bytes")
        self.max_bytes = max_bytes
