"""The web widget's socket.io channel, bound to chat sessions the backend issued (CONTRACT §5).

Rasa's own socket.io channel takes the conversation id from whatever the client sends, so anyone
holding a leaked id could read and answer for a citizen. Here a connection must present a valid
session token (`auth: {session_token}`); the conversation is the token's `web:<id>` and every
message on that connection goes to it, whatever the payload says. An expired token ends the
connection with `session_expired`, and the widget asks the backend for a new session."""

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer
from socketio.exceptions import ConnectionRefusedError

from bot.channels.chat_session import ChatSession, verify
from bot.channels.turn_guard import guard_turns

logger = logging.getLogger(__name__)

INVALID_SESSION = "session_invalid"  # the widget fetches a new session on this connect error
QUIET_EVENT = "no_reply"  # a stored turn the bot does not answer (paused for a person)


class WebChatInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WebChatInput":
        credentials = credentials or {}
        return cls(
            session_secret=credentials.get("session_secret") or os.environ.get("CHAT_SESSION_SECRET", ""),
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
        )

    def __init__(self, session_secret: str, user_message_evt: str, bot_message_evt: str, socketio_path: str):
        if not session_secret:
            raise ValueError("the web chat channel needs CHAT_SESSION_SECRET (credentials: session_secret)")
        super().__init__(user_message_evt, bot_message_evt, session_persistence=True, socketio_path=socketio_path)
        self.session_secret = session_secret

    def _session(self, token: object) -> ChatSession | None:
        return verify(token, self.session_secret)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # CORS for socket.io is left to Rasa's --cors (the configured web origins), as in Rasa.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        self.sio = sio
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)

        async def quiet(message: UserMessage) -> None:
            # The widget stops showing "typing": an agent, not the bot, answers this conversation.
            await sio.emit(QUIET_EVENT, room=message.sender_id)

        handle = guard_turns(on_new_message, on_quiet=quiet)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: str, _environ: dict, auth: Any) -> None:
            session = self._session(auth.get("session_token") if isinstance(auth, dict) else None)
            if session is None:
                raise ConnectionRefusedError(INVALID_SESSION)
            await sio.save_session(sid, {"session": session})

        async def session_of(sid: str) -> ChatSession | None:
            session = (await sio.get_session(sid)).get("session")
            if session is None or session.expired():
                await sio.emit("session_expired", room=sid)
                await sio.disconnect(sid)
                return None
            return session

        @sio.on("session_request")
        async def session_request(sid: str, _data: Any) -> None:
            session = await session_of(sid)
            if session is not None:
                sio.enter_room(sid, session.sender_id)  # every tab of this browser hears the replies
                await sio.emit("session_confirm", session.sender_id, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: str, data: Any) -> None:
            session = await session_of(sid)
            text = data.get("message") if isinstance(data, dict) else None
            if session is None or not isinstance(text, str):
                return
            output = SocketIOOutput(sio, self.bot_message_evt)
            await handle(UserMessage(text, output, session.sender_id, input_channel=self.name()))

        return webhook
