"""An image a follower sends goes to the backend as the material their application needs next:
first one a department asked for, then one that may be sent in advance. The reply is the
backend's own confirmation or refusal, so the citizen is told only what really happened.
The channel proves the conversation with the service token, as the action server does."""

import logging
import os

import aiohttp

from bot.channels.wechat_api import MediaTooLarge, WeChatApi, WeChatApiError

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = int(os.environ.get("MATERIALS_MAX_FILE_BYTES", str(10 * 1024 * 1024)))
NO_APPLICATION = "您还没有在这里提交联办申请，暂时不能接收材料。提交申请后，再按提示发送照片即可。"
NOTHING_WANTED = "您的申请目前没有需要上传的材料。如需更换已上传的材料，请在进度查询页操作。"
ALL_RECEIVED = "需要的材料都已收到：{names}。如需更换，请在进度查询页选择对应材料重新上传。"
TOO_LARGE = "照片超过{mb:g} MB，未保存。请压缩后重新发送。"
UNAVAILABLE = "照片暂时没能转交，请稍后再发一次；也可以在进度查询页上传。"


class MaterialsRelay:
    def __init__(self, api: WeChatApi, backend_url: str, service_token: str):
        self.api = api
        self.backend_url = backend_url.rstrip("/")
        self.service_token = service_token

    async def handle(self, conversation_id: str, media_id: str) -> str:
        try:
            return await self._handle(conversation_id, media_id)
        except MediaTooLarge as e:
            return TOO_LARGE.format(mb=e.max_bytes / (1 << 20))
        except (WeChatApiError, aiohttp.ClientError, TimeoutError, KeyError, ValueError):
            logger.exception("wechat: an image could not be handed to the backend")
            return UNAVAILABLE

    async def _handle(self, conversation_id: str, media_id: str) -> str:
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(base_url=self.backend_url, timeout=timeout) as http:
            auth = {"Authorization": f"Bearer {self.service_token}"}
            async with http.post(
                "/api/v1/materials/passes", json={"conversation_id": conversation_id}, headers=auth
            ) as r:
                if r.status == 404:
                    return NO_APPLICATION
                r.raise_for_status()
                headers = {"X-Application-Pass": (await r.json())["pass_token"]}
            async with http.get("/api/v1/materials", headers=headers) as r:
                r.raise_for_status()
                wanted = (await r.json())["wanted"]
            if not wanted:
                return NOTHING_WANTED
            missing = [w for w in wanted if not w["received"]]
            if not missing:
                return ALL_RECEIVED.format(names="、".join(w["name"] for w in wanted))
            target = missing[0]  # requested supplements come first
            data = await self.api.get_media(media_id, MAX_FILE_BYTES)
            async with http.post(f"/api/v1/materials/files/{target['code']}", data=data, headers=headers) as r:
                body = await r.json(content_type=None)
                if r.status == 201:
                    # The backend's own text: what it received and what may still be sent. It is
                    # recorded in the conversation too, not sent again (the citizen reads it here).
                    return body["message"]
                if 400 <= r.status < 500 and isinstance(body, dict) and body.get("detail"):
                    return body["detail"]  # the backend's Chinese reason (type, size, content)
                r.raise_for_status()
                return UNAVAILABLE
