"""A citizen in the web widget, as the browser talks to Rasa: a chat session from the backend,
then socket.io long-polling with the session token."""

import json
import queue
import time

import httpx
import socketio

from tests.support.stack import Stack


def new_session(stack: Stack, held: str | None = None) -> dict:
    r = httpx.post(
        f"{stack.backend_url}/api/v1/chat-sessions", json={"session_token": held} if held else {}, timeout=10
    )
    assert r.status_code == 201, r.text
    return r.json()


class WebCitizen:
    def __init__(self, stack: Stack, token: str | None):
        self.replies: queue.Queue = queue.Queue()
        self.confirmed: queue.Queue = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self.confirmed.put)
        auth = {"session_token": token} if token is not None else None
        self.sio.connect(stack.rasa_url, transports=["polling"], auth=auth, wait_timeout=10)

    def confirm(self, claimed: str | None = None) -> str:
        """Asks for the session (claiming another id, as an attacker would) and returns what Rasa confirms."""
        self.sio.emit("session_request", {"session_id": claimed} if claimed else {})
        return self.confirmed.get(timeout=30)

    def say(self, text: str, **extra) -> list[dict]:
        """Sends a message and collects the replies until the bot is quiet for a moment."""
        self.sio.emit("user_uttered", {"message": text, **extra})
        got = [self.replies.get(timeout=60)]
        while True:
            try:
                got.append(self.replies.get(timeout=1.5))
            except queue.Empty:
                return got

    def silent_for(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.replies.get(timeout=max(0.0, deadline - time.monotonic()))
                return False
            except queue.Empty:
                pass
        return True

    def close(self) -> None:
        # The polling client would wait for its pending long-poll (up to 25 s) to end.
        self.sio.eio.disconnect(abort=True)


def connect_answer(stack: Stack, token: str | None) -> str:
    """The socket.io server's answer to a connect with this token, read off the wire (engine.io
    long-polling): `40{...}` accepted, `44{"message": ...}` refused."""
    base = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    handshake = httpx.get(base, timeout=10)
    sid = json.loads(handshake.text[1:])["sid"]
    auth = json.dumps({"session_token": token}) if token is not None else ""
    posted = httpx.post(f"{base}&sid={sid}", content=f"40{auth}", timeout=10)
    assert posted.status_code == 200, posted.text
    answer = httpx.get(f"{base}&sid={sid}", timeout=30).text
    httpx.post(f"{base}&sid={sid}", content="1", timeout=10)  # close
    return answer
