"""`make bench`: every benchmark against its baseline in the same run, written to bench/RESULTS.md.

1. Dialogue load: simulated citizens (1, 10, 50 at once) each run a whole four-matter application
   and a progress query over REST against the real stack; the same messages against a bare Rasa
   with the same NLU pipeline and no custom actions.
2. Backend: department pushes per second and progress-query latency, 10 and 50 clients, on SQLite
   and on PostgreSQL.
3. Scale-out: two Rasa processes sharing a PostgreSQL tracker store and the Redis lock store,
   requests alternating between them, against one process with the same stores.
4. NLU: parse time per message, training time, the cross-validation report (make nlu-report),
   peak memory of each service.
5. Chat store: a turn's store work with sealed events against Rasa's plain table.
6. Status notices: department push → notice delivered at 50 pushes/s (bench/notices.py).
7. Uploads: a 3 MB photo's upload latency, and chat turns with uploads against without
   (bench/uploads.py).
8. Staff console: agent reply → citizen's widget, queue and conversation loads with 50 open
   handoffs (bench/console.py).
"""

import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg

from bench import console, notices
from bench.backend_load import measure
from bench.dialogue import CONVERSATION, MIN_TURNS, conversations_per_citizen, pooled, run_load
from bench.stats import summary_ms
from tests.support.stack import BOT, ROOT, Service, Stack, admin_jwt, free_port, rasa_command

WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "RESULTS.md"
BASELINE_MODEL = WORK / "baseline.tar.gz"
CITIZENS = (1, 10, 50)
RUNS = 2  # per side and concurrency, alternating
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("BENCH_REDIS", "127.0.0.1:6379")


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def peak_memory_mb(service: Service) -> float:
    """VmHWM of the service's process and its children (Rasa forks none; uvicorn may)."""
    pids = [service.process.pid]
    children = Path(f"/proc/{service.process.pid}/task/{service.process.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total / 1024


def train_baseline() -> float:
    """Same config and NLU data (Rasa's cache reuses the trained NLU), one reply per intent."""
    started = time.perf_counter()
    subprocess.run(
        [
            str(BOT / "rasa"),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "bench/baseline/domain.yml",
            "--data",
            "bot/data/nlu",
            "bot/data/lookups",
            "bench/baseline/rules.yml",
            "--out",
            str(WORK),
            "--fixed-model-name",
            "baseline",
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def rasa_service(name: str, port: int, env: dict, model: Path, endpoints: str) -> Service:
    return Service(
        name, rasa_command(port, model, endpoints), f"http://127.0.0.1:{port}/", env, WORK / "logs" / f"{name}.log"
    )


def load_rows(results) -> list[dict]:
    rows = []
    for r in results:
        s = summary_ms(r.latencies)
        rows.append(
            {
                "citizens": r.citizens,
                **s,
                "tps": r.turns_per_second,
                "failed": r.failed_turns,
                "completed": r.completed,
                "conversations": r.conversations,
            }
        )
    return rows


async def parse_times(rasa_url: str, n: int = 200) -> dict:
    latencies = []
    token = admin_jwt("bench")
    async with httpx.AsyncClient(timeout=30) as client:
        for i in range(n):
            t = time.perf_counter()
            r = await client.post(
                f"{rasa_url}/model/parse",
                headers={"Authorization": f"Bearer {token}"},
                json={"text": CONVERSATION[i % len(CONVERSATION)]},
            )
            r.raise_for_status()
            latencies.append(time.perf_counter() - t)
    return summary_ms(latencies)


def fresh_postgres_db(name: str) -> str:
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES.rsplit("/", 1)[0] + f"/{name}"


def alternating_loads(assistant_url: str, baseline_url: str) -> tuple[list, list]:
    """Each concurrency level runs assistant, bare Rasa, assistant, bare Rasa, and pools each side's
    runs: on a shared machine, speed drifts over a minute, and alternating spreads the drift
    over both sides instead of handing it to whichever ran second."""
    assistant, baseline = [], []
    for n in CITIZENS:
        runs = [
            (asyncio.run(run_load([assistant_url], n)), asyncio.run(run_load([baseline_url], n, check=False)))
            for _ in range(RUNS)
        ]
        assistant.append(pooled([a for a, _ in runs]))
        baseline.append(pooled([b for _, b in runs]))
    return assistant, baseline


def dialogue_benchmarks(out: dict) -> None:
    log("dialogue: starting the stack and the bare Rasa (an idle Rasa takes no CPU)")
    stack = Stack(WORK / "stack").start()
    baseline_port = free_port()
    service = rasa_service(
        "rasa-baseline",
        baseline_port,
        stack.env() | {"TRACKER_DB_NAME": str(WORK / "baseline-tracker.sqlite3")},
        BASELINE_MODEL,
        "bench/baseline/endpoints.yml",
    )
    try:
        service.start()
        service.wait(240)
        baseline_url = f"http://127.0.0.1:{baseline_port}"
        asyncio.run(run_load([stack.rasa_url], 2))  # warm-up: models, caches, connections
        asyncio.run(run_load([baseline_url], 2, check=False))
        assistant, baseline = alternating_loads(stack.rasa_url, baseline_url)
        out["dialogue"], out["baseline"] = load_rows(assistant), load_rows(baseline)
        log(f"dialogue: {out['dialogue']}")
        log(f"baseline: {out['baseline']}")
        out["parse"] = asyncio.run(parse_times(stack.rasa_url))
        out["memory"] = {s.name: peak_memory_mb(s) for s in [*stack.services, service]}
        for clients in (10, 50):
            out.setdefault("backend", []).append(("SQLite", clients, asyncio.run(measure(stack.backend_url, clients))))
    finally:
        service.stop()
        stack.stop()


def postgres_backend_benchmark(out: dict) -> None:
    log("backend on PostgreSQL")
    stack = Stack(
        WORK / "pg-backend",
        database_url=fresh_postgres_db("hy_bench_backend").replace("postgresql://", "postgresql+psycopg://"),
    )
    stack.start(rasa=False)
    try:
        for clients in (10, 50):
            out["backend"].append(("PostgreSQL", clients, asyncio.run(measure(stack.backend_url, clients))))
    finally:
        stack.stop()


def scaleout_benchmark(out: dict) -> None:
    log("scale-out: two Rasa processes on a PostgreSQL tracker store and the Redis lock store")
    tracker_db = fresh_postgres_db("hy_bench_tracker").rsplit("/", 1)[1]
    host, port = REDIS.split(":")
    stack = Stack(
        WORK / "scale",
        extra_env={
            "TRACKER_DB_HOST": "127.0.0.1",
            "TRACKER_DB_PORT": "5432",
            "TRACKER_DB_NAME": tracker_db,
            "TRACKER_DB_USER": "postgres",
            "TRACKER_DB_PASSWORD": "",
            "REDIS_HOST": host,
            "REDIS_PORT": port,
            "REDIS_LOCK_DB": "3",
        },
    )
    stack.start(rasa=False)
    env = stack.env()
    ports = [free_port(), free_port()]
    model = ROOT / "models" / "current.tar.gz"
    services = [rasa_service(f"rasa-{i}", p, env, model, "endpoints.production.yml") for i, p in enumerate(ports)]
    try:
        for s in services:
            s.start()
        for s in services:
            s.wait(300)
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        asyncio.run(run_load(urls, 2))
        one = asyncio.run(run_load(urls[:1], 50))
        two = asyncio.run(run_load(urls, 50))
        out["scaleout"] = {"one": load_rows([one])[0], "two": load_rows([two])[0]}
        log(f"scale-out: {out['scaleout']}")
    finally:
        for s in services:
            s.stop()
        stack.stop()


def _row(label, r) -> str:
    return (
        f"| {label} | {r['citizens']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | "
        f"{r['tps']:.1f} | {r['failed']} |"
    )


def chat_store_benchmark(out: dict) -> None:
    """The sealed chat store against Rasa's plain table, in the bot venv (bench/chat_store.py)."""
    log("chat store: sealed against plain")
    done = subprocess.run(
        [str(BOT / "python"), "-m", "bench.chat_store"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    out["chat_store"] = {
        name: summary_ms([ms / 1000 for ms in times]) for name, times in json.loads(done.stdout).items()
    }


def write_results(out: dict, started: float) -> str:
    cores = os.cpu_count()
    mem_gb = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    lines = [
        "# Benchmark results",
        "",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · machine: {cores} cores, {mem_gb:.0f} GiB, "
        f"{platform.machine()}, Python {platform.python_version()}",
        "",
        f"Command: `make bench` (`python -m bench.run`) · whole run {time.perf_counter() - started:.0f} s",
        "",
        "## 1. Dialogue load (REST, whole four-matter application + progress query per citizen)",
        "",
        f"Each citizen sends {len(CONVERSATION)} messages in turn, and starts a new conversation until at least "
        f"{MIN_TURNS} turns are measured at that concurrency (one citizen: "
        f"{conversations_per_citizen(1)} conversations one after another). Assistant and bare Rasa take turns, "
        f"{RUNS} runs each per concurrency, pooled. Latency per turn in ms, client side.",
        "",
        "| stack | citizens | p50 | p95 | p99 | turns/s | failed turns |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [_row("assistant", r) for r in out["dialogue"]]
    lines += [_row("bare Rasa (baseline)", r) for r in out["baseline"]]
    lines += ["", "| citizens | p95 ratio assistant / bare | goal ≤ 2× | applications completed |", "|---|---|---|---|"]
    for a, b in zip(out["dialogue"], out["baseline"], strict=True):
        ratio = a["p95"] / b["p95"]
        lines.append(
            f"| {a['citizens']} | {ratio:.2f}× | {'met' if ratio <= 2 else 'NOT met'} | "
            f"{a['completed']} / {a['conversations']} |"
        )
    fifty = next(r for r in out["dialogue"] if r["citizens"] == 50)
    lines += [
        "",
        f"Goal ≥ 50 turns/s with 50 citizens: {fifty['tps']:.1f} turns/s — {'met' if fifty['tps'] >= 50 else 'NOT met'}. "
        f"Goal zero failed turns: {sum(r['failed'] for r in out['dialogue'])} failed — "
        f"{'met' if sum(r['failed'] for r in out['dialogue']) == 0 else 'NOT met'}.",
        "",
        "## 2. Backend (aiohttp load generator, real HTTP)",
        "",
        "| database | clients | pushes/s | push failures | progress p50 ms | progress p99 ms | queries/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for db, clients, r in out["backend"]:
        q = summary_ms(r["query_latencies"])
        lines.append(
            f"| {db} | {clients} | {r['pushes_per_second']:.1f} | {r['push_failures']} | {q['p50']:.1f} | "
            f"{q['p99']:.1f} | {r['queries_per_second']:.1f} |"
        )
    if "scaleout" in out:
        one, two = out["scaleout"]["one"], out["scaleout"]["two"]
        lines += [
            "",
            "## 3. Scale-out (PostgreSQL tracker store + Redis lock store, 50 citizens)",
            "",
            "| Rasa processes | p50 | p95 | p99 | turns/s | failed turns | applications completed |",
            "|---|---|---|---|---|---|---|",
            f"| 1 | {one['p50']:.0f} | {one['p95']:.0f} | {one['p99']:.0f} | {one['tps']:.1f} | {one['failed']} | {one['completed']} / {one['conversations']} |",
            f"| 2 (requests alternate every turn) | {two['p50']:.0f} | {two['p95']:.0f} | {two['p99']:.0f} | {two['tps']:.1f} | "
            f"{two['failed']} | {two['completed']} / {two['conversations']} |",
            "",
            f"Throughput two / one: {two['tps'] / one['tps']:.2f}×. Form state lost: "
            f"{two['conversations'] - two['completed']} conversations (goal 0) — every application needs its form state from turn to "
            "turn, and consecutive turns of one conversation went to different processes.",
        ]
    sealed, plain = out["chat_store"]["sealed"], out["chat_store"]["plain"]
    lines += [
        "",
        "## 5. Chat store: sealed events against Rasa's plain table (`bench/chat_store.py`)",
        "",
        "One store turn as Rasa makes it under the conversation's lock: read the session, add a turn's "
        "events (an answer with an ID number, slots, the reply), save; 40-turn conversations on SQLite, "
        "the two sides alternating. ms per turn:",
        "",
        "| store | p50 | p95 | p99 |",
        "|---|---|---|---|",
        f"| sealed (Fernet, CHAT_STORE_KEY) | {sealed['p50']:.2f} | {sealed['p95']:.2f} | {sealed['p99']:.2f} |",
        f"| plain (Rasa's `events` table) | {plain['p50']:.2f} | {plain['p95']:.2f} | {plain['p99']:.2f} |",
        "",
        f"Cost of sealing at the median: {sealed['p50'] - plain['p50']:+.2f} ms a turn "
        f"({sealed['p50'] / plain['p50']:.2f}×). Both dialogue stacks above run on the sealed store.",
    ]
    if "notices" in out:
        lines += ["", *notices.section(out["notices"])]
    p = out["parse"]
    lines += [
        "",
        "## 4. NLU and services",
        "",
        f"Parse time per message (`/model/parse`, {p['n']} messages): p50 {p['p50']:.1f} ms, p95 {p['p95']:.1f} ms.",
        "Training the baseline (same NLU pipeline and data, one reply per intent; Rasa reuses its cached NLU "
        f"when the assistant was trained just before): {out['baseline_training']:.0f} s. "
        "The 5-fold cross-validation below (five NLU trainings) ran first in the same `make bench`; its wall "
        "time is in its table.",
        "",
        "| service | peak memory (VmHWM) MB |",
        "|---|---|",
        *[f"| {name} | {mb:.0f} |" for name, mb in out["memory"].items()],
        "",
    ]
    uploads = ROOT / "bench" / "UPLOADS.md"
    if uploads.exists():
        lines += ["## 7. Uploads (from bench/UPLOADS.md)", "", *uploads.read_text().splitlines()[2:], ""]
    if "console" in out:
        lines += [out["console"], ""]
    blind = ROOT / "bench" / "nlu" / "BLIND.md"
    if blind.exists():
        lines += [f"## {blind.read_text().splitlines()[0].lstrip('# ')}", "", *blind.read_text().splitlines()[2:], ""]
    report = ROOT / "bench" / "nlu" / "REPORT.md"
    if report.exists():
        lines += ["## NLU cross-validation (from bench/nlu/REPORT.md)", "", *report.read_text().splitlines()[2:], ""]
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    out: dict = {}
    log("training the baseline")
    out["baseline_training"] = train_baseline()
    dialogue_benchmarks(out)
    log("blind evaluation with whole conversations")
    subprocess.run([sys.executable, "-m", "bench.blind.report", "--conversations"], cwd=ROOT, check=True)
    chat_store_benchmark(out)
    postgres_backend_benchmark(out)
    scaleout_benchmark(out)
    log("uploads: a 3 MB photo while citizens chat")
    subprocess.run([sys.executable, "-m", "bench.uploads"], cwd=ROOT, check=True)
    log("status notices: department push -> notice delivered")
    out["notices"] = [notices.measure(WORK / f"notices-{db}", database=db) for db in ("sqlite", "postgres")]
    log("staff console")
    console_started = time.perf_counter()
    out["console"] = console.markdown(console.measure(), time.perf_counter() - console_started)
    console.OUT.write_text(out["console"], encoding="utf-8")
    text = write_results(out, started)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
