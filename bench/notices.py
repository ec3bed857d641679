"""Department push → notice delivered, at a steady rate of pushes (`python -m bench.notices`,
also part of `make bench`). The real stack (backend, Rasa, the dispatcher; SQLite or PostgreSQL) on its
own ports; every push changes a status the citizen hears of, so each push makes two notices (the
conversation over Rasa, a text through the logging SMS provider). Latency of a notice: from the
moment its push was sent to `delivered_at` as the dispatcher recorded it (same machine clock)."""

import argparse
import asyncio
import json
import os
import re
import shutil
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

import aiohttp

from bench.backend_load import _signed
from bench.stats import summary_ms
from tests.backend.helpers import SERVICE, application_body
from tests.support.stack import ROOT, Stack

RATE = 50  # pushes per second
SECONDS = 10
RESULTS = ROOT / "bench" / "RESULTS.md"
HEADING = "## 6. Status notices: department push → notice delivered"


def _events(number: str) -> list[tuple[str, dict]]:
    """Four pushes an application makes, each one a notice: marriage registered, three completed."""
    married = {
        "matter": "marriage_registration",
        "status": "completed",
        "result": {"certificate_no": f"J310115-2026-{number[-6:]}", "registered_at": "2026-12-01T10:00:00+08:00"},
    }
    return [
        ("civil_affairs", married),
        ("public_security", {"matter": "hukou_marital_status", "status": "completed"}),
        ("public_security", {"matter": "hukou_migration", "status": "completed"}),
        ("health", {"matter": "birth_registration", "status": "completed"}),
    ]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU time of the whole machine so far: how saturated the cores were."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def _database_server_cpu() -> float:
    """CPU of every PostgreSQL server process (other users' connections included, if any)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        if "(postgres)" in text:
            total += _cpu_seconds(int(stat.parent.name))
    return total


def _cpu_of(services, database: str = "sqlite") -> dict[str, float]:
    cpu = {s.name: _cpu_seconds(s.process.pid) for s in services if s.process and s.process.poll() is None}
    if database == "postgres":
        cpu["PostgreSQL server"] = _database_server_cpu()
    return cpu


async def _run(base: str, rate: int, seconds: int, services=(), database: str = "sqlite") -> dict:
    pushes_wanted = rate * seconds
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=2)
    async with aiohttp.ClientSession(connector=connector) as session:
        numbers = []
        for _ in range(pushes_wanted // 4):
            body = application_body(conversation_id=f"rest:bench-{uuid.uuid4().hex[:10]}")
            headers = {**SERVICE, "Idempotency-Key": uuid.uuid4().hex}
            async with session.post(f"{base}/api/v1/applications", json=body, headers=headers) as r:
                numbers.append((await r.json())["application_no"])
        # Step k of every application before step k+1 of any, and an application's next push only
        # once its previous one was answered: a dependant completed before its marriage is a 409.
        schedule = [(number, k) for k in range(4) for number in numbers]
        answered = {(number, k): asyncio.Event() for number, k in schedule}
        sent_at: dict[tuple[str, str], float] = {}
        answered_at: dict[tuple[str, str], float] = {}
        failures = 0
        held_back = 0

        async def push(i: int, number: str, k: int) -> None:
            nonlocal failures, held_back
            await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
            if k and not answered[(number, k - 1)].is_set():
                held_back += 1
                await answered[(number, k - 1)].wait()
            department, event = _events(number)[k]
            path = f"/api/v1/departments/{department}/events"
            raw = json.dumps({"application_no": number, **event}).encode()
            sent_at[(number, event["matter"])] = time.time()
            try:
                async with session.post(f"{base}{path}", data=raw, headers=_signed(department, path, raw)) as r:
                    await r.read()
                    failures += r.status != 200
                answered_at[(number, event["matter"])] = time.time()
            finally:
                answered[(number, k)].set()

        cpu_before, own_before, machine_before = _cpu_of(services, database), time.process_time(), _machine_busy()
        start = time.monotonic()
        await asyncio.gather(*(push(i, *step) for i, step in enumerate(schedule)))
        push_seconds = time.monotonic() - start

        latencies: dict[str, list[float]] = {"chat": [], "sms": [], "after_answer": []}
        undelivered = 0
        deadline = time.monotonic() + 60
        for number in numbers:
            while True:
                async with session.get(
                    f"{base}/api/v1/notices", params={"application_no": number}, headers=SERVICE
                ) as r:
                    # The status notices measured; the rating request that follows the last is not one.
                    notices = [n for n in await r.json() if _matter_of(n["text"])]
                if (len(notices) == 8 and all(n["status"] == "sent" for n in notices)) or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            for n in notices:
                if n["status"] != "sent":
                    undelivered += 1
                    continue
                matter = _matter_of(n["text"])
                delivered = datetime.fromisoformat(n["delivered_at"]).timestamp()
                latencies[n["channel"]].append(delivered - sent_at[(number, matter)])
                latencies["after_answer"].append(delivered - answered_at[(number, matter)])
        # Every notice delivered (or the deadline passed): what each process spent on the pushes
        # and their notices, polling included.
        cpu_after, own_after, machine_after = _cpu_of(services, database), time.process_time(), _machine_busy()
    cpu = {name: (cpu_after[name] - cpu_before[name]) * 1000 / len(schedule) for name in cpu_after}
    cpu["bench client"] = (own_after - own_before) * 1000 / len(schedule)
    return {
        "load": os.getloadavg()[0],
        "cpu_ms_per_push": cpu,
        "machine_busy": (machine_after[0] - machine_before[0]) / max(1, machine_after[1] - machine_before[1]),
        "pushes": len(schedule),
        "push_failures": failures,
        "held_back": held_back,
        "pushes_per_second": len(schedule) / push_seconds,
        "latencies": latencies,
        "undelivered": undelivered,
    }


_MATTERS = {
    "结婚登记已办结": "marriage_registration",
    "户口婚姻状况变更已办结": "hukou_marital_status",
    "因婚姻市内户口迁移已办结": "hukou_migration",
    "生育登记已办结": "birth_registration",
}


def _matter_of(text: str) -> str | None:
    return next((matter for phrase, matter in _MATTERS.items() if phrase in text), None)


def database_url(database: str) -> str | None:
    """None: the stack's own SQLite file; "postgres": a fresh database on BENCH_POSTGRES_URL's server."""
    if database == "sqlite":
        return None
    from bench.run import fresh_postgres_db  # bench.run imports this module

    return fresh_postgres_db("hy_bench_notices").replace("postgresql://", "postgresql+psycopg://")


def measure(workdir, rate: int = RATE, seconds: int = SECONDS, database: str = "sqlite") -> dict:
    stack = Stack(workdir, database_url=database_url(database)).start()
    try:
        return {"database": database, **asyncio.run(_run(stack.backend_url, rate, seconds, stack.services, database))}
    finally:
        stack.stop()


DATABASE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def _table(result: dict, rate: int) -> list[str]:
    rows = []
    both = result["latencies"]["chat"] + result["latencies"]["sms"]
    for label, values in (("conversation (Rasa)", result["latencies"]["chat"]), ("SMS (logging provider)", result["latencies"]["sms"]), ("all notices", both), ("all notices, from the push's answer (committed)", result["latencies"]["after_answer"])):  # fmt: skip
        s = summary_ms(values)
        rows.append(f"| {label} | {s['n']} | {s['p50']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} |")
    p95 = summary_ms(both)["p95"]
    name = DATABASE_NAMES[result.get("database", "sqlite")]
    return [
        f"**{name}** (`python -m bench.notices --database {result.get('database', 'sqlite')}`): "
        f"{result['pushes']} pushes sent at {rate}/s, the backend took {result['pushes_per_second']:.1f}/s, "
        f"{result['push_failures']} failed, {result.get('held_back', 0)} held back until their application's "
        f"previous push was answered. Load average during the run: {result.get('load', float('nan')):.1f}. ms:",
        "",
        "| channel | notices | p50 | p95 | p99 |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Goal p95 < 1 s: {p95:.0f} ms — {'met' if p95 < 1000 else 'NOT met'}. "
        f"Notices not delivered within 60 s after the last push: {result['undelivered']}.",
        "",
        *_cpu_line(result),
    ]


def _cpu_line(result: dict) -> list[str]:
    cpu = result.get("cpu_ms_per_push")
    if not cpu:
        return []
    parts = ", ".join(f"{name} {ms:.1f}" for name, ms in sorted(cpu.items(), key=lambda kv: -kv[1]))
    return [
        f"CPU per push (ms, from the first push until every notice was delivered): {parts}; "
        f"total {sum(cpu.values()):.1f}; the machine's cores were {result.get('machine_busy', float('nan')) * 100:.0f}% "
        "busy meanwhile (every process, other users and the database server included).",
        "",
    ]


def section(results: list[dict], rate: int = RATE) -> list[str]:
    lines = [
        HEADING,
        "",
        "Command: `python -m bench.notices` (both databases; `make bench` runs it too). Signed department "
        f"pushes at {rate}/s, each a status change the citizen hears of (marriage registered, three matters "
        "completed), on the real stack (backend, Rasa, one dispatcher process); an application's pushes go in "
        "order, each after the previous one's answer. Each push makes a notice to the REST conversation "
        "through Rasa and a text through the logging SMS provider. From the push being sent to the notice's "
        "`delivered_at` (if the backend takes pushes more slowly than the rate asks, they queue and the first "
        "rows include that wait); the last row starts when the push was answered (committed).",
        "",
    ]
    for result in results:
        lines += _table(result, rate)
    return lines


def write_section(lines: list[str]) -> None:
    """Replaces (or appends) this section of RESULTS.md, leaving the other benchmarks' figures."""
    text = RESULTS.read_text(encoding="utf-8")
    block = "\n".join(lines)
    pattern = re.compile(re.escape(HEADING) + r".*?(?=\n## |\Z)", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block.rstrip("\n"), text, count=1)
    else:
        marker = "\n## 4. NLU and services"
        text = text.replace(marker, "\n" + block.rstrip("\n") + "\n" + marker, 1) if marker in text else text + block
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--no-write", action="store_true", help="print the figures, leave RESULTS.md")
    args = parser.parse_args()
    results = []
    for database in ("sqlite", "postgres") if args.database == "both" else (args.database,):
        workdir = ROOT / "var" / "bench" / f"notices-{database}"
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
        results.append(measure(workdir, database=database))
    lines = section(results)
    if not args.no_write:
        write_section(lines)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
