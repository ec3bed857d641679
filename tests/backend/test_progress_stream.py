"""Live progress: a look-up returns a short-lived stream token (no ID number in any URL), and the
stream sends the masked progress; a forged, altered or expired token is refused in Chinese."""

import json
import time

from backend.progress import stream
from backend.progress.config import get_progress_settings


def _events(raw: str) -> list[tuple[str, dict]]:
    out = []
    for block in raw.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        if fields:
            out.append((fields["event"], json.loads(fields["data"])))
    return out


def test_lookup_returns_a_token_without_the_id_number(submitted, progress):
    app_no, body = submitted
    token = progress(app_no, body["applicant"]["id_number"]).json()["stream_token"]
    assert token.startswith(f"ps1.{app_no}.") and body["applicant"]["id_number"] not in token
    assert stream.verify(token)[0] == app_no


def test_stream_sends_masked_progress_until_the_token_expires(submitted, client):
    app_no, body = submitted
    ttl = get_progress_settings().stream_ttl_seconds
    token = stream.issue(app_no, now=int(time.time()) - ttl + 2)  # expires in about two seconds
    with client.stream("GET", "/api/v1/progress/stream", params={"token": token}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = _events(r.read().decode())
    assert [name for name, _ in events] == ["progress", "expired"]
    first = events[0][1]
    assert first["application_no"] == app_no and len(first["matters"]) == 4
    assert body["applicant"]["id_number"] not in json.dumps(first) and first["parties"][0]["name"] == "张*"


def test_bad_tokens_are_refused_in_chinese(submitted, client):
    app_no, _ = submitted
    good = stream.issue(app_no)
    altered = good.replace(app_no, "HY000000000000AA")
    expired = stream.issue(app_no, now=int(time.time()) - get_progress_settings().stream_ttl_seconds - 5)
    for token in ("", "x", altered, expired, good[:-1] + ("0" if good[-1] != "0" else "1"), "ps1.a.b.c"):
        r = client.get("/api/v1/progress/stream", params={"token": token})
        assert r.status_code == 401, token
        assert "重新查询" in r.json()["detail"]
