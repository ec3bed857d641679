"""Simulated citizens over Rasa's REST channel: each runs a whole four-matter application and a
progress query, turn after turn; many citizens at once."""

import asyncio
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

from tests.support.citizens import FOUR_MATTERS

CONVERSATION = ["你好", *FOUR_MATTERS, "确认提交", "办到哪了"]
MIN_TURNS = 100


@dataclass
class LoadResult:
    citizens: int
    latencies: list[float] = field(default_factory=list)
    failed_turns: int = 0
    conversations: int = 0
    completed: int = 0  # conversations that ended with an application number
    seconds: float = 0.0

    @property
    def turns_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def _conversation(session, urls: list[str], result: LoadResult, check: bool) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    submitted = False
    for i, message in enumerate(CONVERSATION):
        url = urls[i % len(urls)]  # alternate between processes when there are several
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": message}) as r:
                body = await r.json(content_type=None)
                ok = r.status == 200 and isinstance(body, list) and len(body) > 0
        except (aiohttp.ClientError, TimeoutError, ValueError):
            ok, body = False, []
        result.latencies.append(time.perf_counter() - started)
        if not ok:
            result.failed_turns += 1
        elif check and any("申请已提交" in (m.get("text") or "") for m in body):
            submitted = True
    result.conversations += 1
    if submitted or not check:
        result.completed += 1


async def _citizen(session, urls: list[str], result: LoadResult, check: bool, conversations: int) -> None:
    for _ in range(conversations):
        await _conversation(session, urls, result, check)


def conversations_per_citizen(citizens: int) -> int:
    """Enough conversations one after another for at least MIN_TURNS turns: one citizen's ten turns
    alone would make p95 and p99 the slowest turn or two."""
    return max(1, -(-MIN_TURNS // (citizens * len(CONVERSATION))))


async def run_load(rasa_urls: list[str], citizens: int, check: bool = True) -> LoadResult:
    urls = [f"{u}/webhooks/rest/webhook" for u in rasa_urls]
    result = LoadResult(citizens=citizens)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        started = time.perf_counter()
        rounds = conversations_per_citizen(citizens)
        await asyncio.gather(*(_citizen(session, urls, result, check, rounds) for _ in range(citizens)))
        result.seconds = time.perf_counter() - started
    return result


def pooled(results: list[LoadResult]) -> LoadResult:
    """Several runs at one concurrency as one: all their turns, over their summed time."""
    out = LoadResult(citizens=results[0].citizens)
    for r in results:
        out.latencies += r.latencies
        out.failed_turns += r.failed_turns
        out.conversations += r.conversations
        out.completed += r.completed
        out.seconds += r.seconds
    return out
