"""Uploads under load: a 3 MB phone photo (12 megapixels) uploaded from the progress page while
citizens chat, against the same chat load alone. Writes bench/UPLOADS.md (make bench folds it
into bench/RESULTS.md); run alone with `python -m bench.uploads` (needs a trained model)."""

import asyncio
import io
import os
import time
import uuid
from datetime import UTC, datetime

import aiohttp
from PIL import Image

from backend.materials.config import get_materials_settings
from bench.dialogue import pooled, run_load
from bench.stats import summary_ms
from tests.backend.helpers import application_body
from tests.support.stack import ROOT, Stack

WORK = ROOT / "var" / "bench" / "uploads"
OUT = ROOT / "bench" / "UPLOADS.md"
CITIZENS = 10
UPLOADERS = 2
RUNS = 2  # chat alone / chat with uploads, alternating
TARGET = 3 * (1 << 20)
CERTIFICATE = {"certificate_no": "J310115-2024-000123", "registered_at": "2024-05-20"}


def three_mb_photo() -> bytes:
    """4000 x 3000 like a phone camera's, with grain so that it is about 3 MB as a JPEG."""
    width, height = 4000, 3000
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    for quality in (92, 88, 84, 80, 75, 70):
        grain = Image.frombytes("L", (width, height), os.urandom(width * height)).convert("RGB")
        img = Image.blend(base, grain, 0.18)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=quality)
        if out.tell() <= TARGET * 1.1:
            return out.getvalue()
    return out.getvalue()


async def _application_pass(session: aiohttp.ClientSession, base: str) -> str:
    body = application_body(["hukou_migration"], marriage=CERTIFICATE)
    headers = {"Authorization": "Bearer local-service-token", "Idempotency-Key": uuid.uuid4().hex}
    async with session.post(f"{base}/api/v1/applications", json=body, headers=headers) as r:
        number = (await r.json())["application_no"]
    proof = {"application_no": number, "id_number": body["applicant"]["id_number"]}
    async with session.post(f"{base}/api/v1/materials/passes", json=proof) as r:
        return (await r.json())["pass_token"]


async def _uploader(base: str, photo: bytes, stop: asyncio.Event, latencies: list[float], failures: list[int]) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        pass_token = await _application_pass(session, base)
        headers = {"X-Application-Pass": pass_token, "Content-Type": "image/jpeg"}
        url = f"{base}/api/v1/materials/files/household_register_pages"
        while not stop.is_set():
            started = time.perf_counter()
            async with session.post(url, data=photo, headers=headers) as r:
                await r.read()
                if r.status != 201:
                    failures.append(r.status)
            latencies.append(time.perf_counter() - started)


async def uploads_alone(base: str, photo: bytes, n: int = 12) -> list[float]:
    latencies: list[float] = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        pass_token = await _application_pass(session, base)
        headers = {"X-Application-Pass": pass_token, "Content-Type": "image/jpeg"}
        for _ in range(n):
            started = time.perf_counter()
            async with session.post(
                f"{base}/api/v1/materials/files/household_register_pages", data=photo, headers=headers
            ) as r:
                await r.read()
                assert r.status == 201, await r.text()
            latencies.append(time.perf_counter() - started)
    return latencies


async def chat_with_uploads(stack: Stack, photo: bytes) -> tuple:
    stop = asyncio.Event()
    latencies: list[float] = []
    failures: list[int] = []
    uploaders = [
        asyncio.create_task(_uploader(stack.backend_url, photo, stop, latencies, failures)) for _ in range(UPLOADERS)
    ]
    chat = await run_load([stack.rasa_url], CITIZENS)
    stop.set()
    await asyncio.gather(*uploaders)
    return chat, latencies, failures


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    photo = three_mb_photo()
    stack = Stack(WORK).start()
    try:
        asyncio.run(run_load([stack.rasa_url], 2))  # warm-up
        alone_upload = asyncio.run(uploads_alone(stack.backend_url, photo))
        plain, loaded, upload_lat, failures = [], [], [], []
        for _ in range(RUNS):
            plain.append(asyncio.run(run_load([stack.rasa_url], CITIZENS)))
            chat, lat, fail = asyncio.run(chat_with_uploads(stack, photo))
            loaded.append(chat)
            upload_lat += lat
            failures += fail
    finally:
        stack.stop()
    plain_s, loaded_s = summary_ms(pooled(plain).latencies), summary_ms(pooled(loaded).latencies)
    alone_s, under_s = summary_ms(alone_upload), summary_ms(upload_lat)
    ratio = loaded_s["p95"] / plain_s["p95"]
    encoding = get_materials_settings()
    text = "\n".join(
        [
            "# Uploads",
            "",
            f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · machine: {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f} at the end (other work on the machine counts in both sides) · "
            "command: `python -m bench.uploads`",
            "",
            f"A {len(photo) / (1 << 20):.1f} MB JPEG, 4000 × 3000 pixels (a phone photo), uploaded to "
            "`POST /api/v1/materials/files/household_register_pages` with a progress-page pass: judged, decoded, "
            "re-encoded without EXIF, sealed and stored in the database (SQLite). Each upload replaces the "
            "previous one, so every one does the whole work.",
            "",
            "| measurement | n | p50 ms | p95 ms | p99 ms |",
            "|---|---|---|---|---|",
            f"| upload alone (one at a time) | {alone_s['n']} | {alone_s['p50']:.0f} | {alone_s['p95']:.0f} | "
            f"{alone_s['p99']:.0f} |",
            f"| upload while {CITIZENS} citizens chat ({UPLOADERS} uploaders, back to back) | {under_s['n']} | "
            f"{under_s['p50']:.0f} | {under_s['p95']:.0f} | {under_s['p99']:.0f} |",
            f"| chat turn, {CITIZENS} citizens, no uploads | {plain_s['n']} | {plain_s['p50']:.0f} | "
            f"{plain_s['p95']:.0f} | {plain_s['p99']:.0f} |",
            f"| chat turn, {CITIZENS} citizens, {UPLOADERS} uploaders | {loaded_s['n']} | {loaded_s['p50']:.0f} | "
            f"{loaded_s['p95']:.0f} | {loaded_s['p99']:.0f} |",
            "",
            f"Chat turn p95 with uploads / without: **{ratio:.2f}x** ({RUNS} runs per side, alternating). "
            f"Failed uploads: {len(failures)}. The uploads' image work runs in the backend's encoding "
            f"process pool ({encoding.encode_processes} process(es) at niceness {encoding.encode_niceness}, "
            "backend/materials/encoder.py), not in its threads: it no longer competes with the assistant's "
            "calls for the backend's GIL, and the chat's processes get the CPU first; the uploads wait instead.",
            "",
        ]
    )
    OUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
