"""`python -m bench.console` (backend venv; `make bench` runs it too): the staff console's figures,
written to bench/CONSOLE.md and into bench/RESULTS.md §6.

- Agent reply → citizen's widget: the agent posts a reply; the clock stops when the citizen's
  socket.io client (long-polling, as the widget) receives it. Sequential replies on one claimed
  conversation.
- Console loads with 50 open handoffs: the queue (`GET /api/v1/staff/handoffs`) and a claimed
  conversation's view (`GET /api/v1/staff/handoffs/{id}`: Rasa's tracker, masked) — one agent
  polling, then 10 agents polling at once (the console polls every 1.5 s).

The 50 handoffs are real: each citizen gives the first answers of an application over REST and
asks 转人工, so each tracker holds a form in progress."""

import re
import shutil
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx

from bench.stats import summary_ms
from tests.security.web_citizen import WebCitizen, new_session
from tests.support.citizens import FOUR_MATTERS
from tests.support.stack import ROOT, Chat, Stack
from tests.support.staff import create_staff_cli, login

WORK = ROOT / "var" / "bench" / "console"
OUT = ROOT / "bench" / "CONSOLE.md"
RESULTS = ROOT / "bench" / "RESULTS.md"
HANDOFFS = 50
REPLIES = 100
LOADS = 200
AGENTS = 10


def log(message: str) -> None:
    print(f"[bench console {datetime.now():%H:%M:%S}] {message}", flush=True)


def hand_off_over_rest(stack: Stack, n: int) -> None:
    def one(i: int) -> None:
        chat = Chat(stack, f"bench-{i}-{uuid.uuid4().hex[:6]}")
        chat.say(FOUR_MATTERS[0])
        chat.say(FOUR_MATTERS[1])
        chat.say("转人工")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(n)))


def timed_gets(client: httpx.Client, paths: list[str]) -> list[float]:
    latencies = []
    for path in paths:
        started = time.perf_counter()
        r = client.get(path)
        latencies.append(time.perf_counter() - started)
        r.raise_for_status()
    return latencies


def concurrent_gets(clients: list[httpx.Client], paths: list[str]) -> list[float]:
    share = [paths[i :: len(clients)] for i in range(len(clients))]
    with ThreadPoolExecutor(len(clients)) as pool:
        return [t for part in pool.map(timed_gets, clients, share) for t in part]


def reply_latencies(agent: httpx.Client, citizen: WebCitizen, handoff: str) -> list[float]:
    latencies = []
    for i in range(REPLIES):
        text = f"第{i}条回复，请稍候"
        started = time.perf_counter()
        agent.post(f"{handoff}/messages", json={"text": text}).raise_for_status()
        while text not in (citizen.replies.get(timeout=30).get("text") or ""):
            pass
        latencies.append(time.perf_counter() - started)
    return latencies


def measure() -> dict:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    stack = Stack(WORK).start()
    clients: list[httpx.Client] = []
    citizen = None
    try:
        names = [f"bench-agent-{i}" for i in range(AGENTS)]
        for name in names:
            create_staff_cli(stack.env(), name)
        clients = [login(stack.backend_url, n).client(stack.backend_url, timeout=60) for n in names]
        agent = clients[0]

        citizen = WebCitizen(stack, new_session(stack)["session_token"])
        sender = citizen.confirm()
        citizen.say(FOUR_MATTERS[0])
        citizen.say("转人工")
        log(f"{HANDOFFS - 1} more citizens hand off over REST")
        hand_off_over_rest(stack, HANDOFFS - 1)
        rows = agent.get("/api/v1/staff/handoffs").json()
        assert len([r for r in rows if r["status"] == "open"]) == HANDOFFS, rows

        mine = next(r for r in rows if r["conversation_id"] == sender)
        handoff = f"/api/v1/staff/handoffs/{mine['id']}"
        agent.post(f"{handoff}/claim").raise_for_status()
        others = [r for r in rows if r["id"] != mine["id"]][:9]
        for r in others:  # ten conversations held by this agent, as a busy shift
            agent.post(f"/api/v1/staff/handoffs/{r['id']}/claim").raise_for_status()
        views = [f"/api/v1/staff/handoffs/{r['id']}" for r in [mine, *others]]
        assert all(re.search(r"\*{4}", str(agent.get(v).json()["answers"])) for v in views[1:])

        log("agent reply → widget")
        out = {"reply": summary_ms(reply_latencies(agent, citizen, handoff))}
        timed_gets(agent, ["/api/v1/staff/handoffs"] * 10 + views)  # warm-up
        log("queue and conversation loads")
        out["queue_1"] = summary_ms(timed_gets(agent, ["/api/v1/staff/handoffs"] * LOADS))
        out["view_1"] = summary_ms(timed_gets(agent, [views[i % len(views)] for i in range(LOADS)]))
        out["queue_10"] = summary_ms(concurrent_gets(clients, ["/api/v1/staff/handoffs"] * LOADS))
        # Only a conversation's holder may read it: its ten views, ten requests in flight at once.
        out["view_10"] = summary_ms(concurrent_gets([agent] * AGENTS, [views[i % len(views)] for i in range(LOADS)]))
        return out
    finally:
        if citizen is not None:
            citizen.close()
        for c in clients:
            c.post("/api/v1/staff/logout")
            c.close()
        stack.stop()


def markdown(out: dict, seconds: float) -> str:
    def row(label: str, s: dict) -> str:
        return f"| {label} | {s['n']} | {s['p50']:.1f} | {s['p95']:.1f} | {s['p99']:.1f} |"

    return "\n".join(
        [
            "## 8. Staff console (`python -m bench.console`)",
            "",
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · command: `.venv/backend/bin/python -m bench.console` "
            f"(also run by `make bench`) · {seconds:.0f} s. {HANDOFFS} open handoffs, each a real conversation "
            "with a form in progress; ten of them claimed by the measuring agent. ms, client side:",
            "",
            "| measurement | n | p50 | p95 | p99 |",
            "|---|---|---|---|---|",
            row("agent reply → citizen's widget (socket.io long-polling)", out["reply"]),
            row("queue load, 1 agent", out["queue_1"]),
            row(f"queue load, {AGENTS} agents at once", out["queue_10"]),
            row("conversation view (transcript + answers, masked), 1 reader", out["view_1"]),
            row(f"conversation view, {AGENTS} requests at once", out["view_10"]),
            "",
        ]
    )


def write(section: str) -> None:
    OUT.write_text(section, encoding="utf-8")
    if RESULTS.exists():  # this run's figures replace §6 of the last `make bench`
        text = RESULTS.read_text(encoding="utf-8")
        start = text.find("## 8. Staff console")
        if start >= 0:
            end = text.find("\n## ", start + 1)
            text = text[:start] + section.rstrip() + "\n" + (text[end:] if end >= 0 else "")
        else:
            text = text.rstrip() + "\n\n" + section
        RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    started = time.perf_counter()
    out = measure()
    section = markdown(out, time.perf_counter() - started)
    write(section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
