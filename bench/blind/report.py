"""`python -m bench.blind.report` (backend venv): the blind evaluation's figures against the goals,
written to bench/nlu/BLIND.md (`make nlu-report` runs it; `make bench` adds `--conversations`, which
starts a stack and plays the applying personas). The NLU part runs the trained model in the bot
venv; guide search and the conversations run here."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from bench.blind import search

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "nlu" / "BLIND.md"
GOALS = {"intent accuracy": 0.95, "guide search top-1 (matter + aspect)": 0.90}


def nlu() -> dict:
    done = subprocess.run(
        [str(ROOT / ".venv" / "bot" / "bin" / "python"), "-m", "bench.blind.nlu", "models/current.tar.gz"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def conversations() -> dict:
    """The applying personas against a stack of their own."""
    import shutil

    from bench.blind.conversations import run
    from tests.support.stack import Stack

    workdir = ROOT / "var" / "blind-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    stack = Stack(workdir).start()
    try:
        return run(stack)
    finally:
        stack.stop()


def render_conversations(c: dict) -> list[str]:
    median = c["median_messages_efficient"]
    return [
        "## Whole conversations (simulated citizens, `bench/blind/conversations.py`)",
        "",
        "| figure | value | goal | met |",
        "|---|---|---|---|",
        f"| completed (an application number) | {c['completed']:.1%} of {c['played']} | ≥ 95% | "
        f"{'yes' if c['completed'] >= 0.95 else 'no'} |",
        f"| the backend holds the persona's matters | {c['matters_right']:.1%} | — | — |",
        f"| silent repeats (the question again with nothing said about the answer) | {c['silent_repeats']} | 0 | "
        f"{'yes' if c['silent_repeats'] == 0 else 'no'} |",
        f"| explained repeats (asked again after saying what was missing or wrong) | {c['explained_repeats']} | — | — |",
        f"| median messages to the number, efficient citizens | {median if median is not None else '—'} | ≤ 8 | "
        f"{'yes' if median is not None and median <= 8 else 'no'} |",
        "",
        f"Not played yet (no driver for these goals): {', '.join(c['not_played']) or 'none'}.",
        "",
        "Driver notes: an efficient citizen (its style says so) answers its first form question with all its"
        " remaining facts in one message, labelled as a citizen labels them (我叫…，身份证…，手机…；对方叫…；"
        "在…登记，…去；第一个孩子，住…; bench/blind/bundle.py), as the question invites (也可以一次说完), then"
        " answers any later question one fact at a time. Other citizens answer one fact per question.",
        "",
        "Questions asked again (all personas, question key: times): "
        + (", ".join(f"{key}: {n}" for key, n in c["repeated_keys"]) or "none")
        + ".",
        "",
        "Where the unfinished ones stopped (persona: the assistant's last line; the question it asked):",
        "",
        *[f"- {pid}: {where} ({key or 'no question'})" for pid, where, key in c["stuck"]],
        "",
        "Other goals (`bench/blind/goals.py`; success criteria there):",
        "",
        "| persona | goal | succeeded | messages | stopped at |",
        "|---|---|---|---|---|",
        *[
            f"| {pid} | {goal} | {'yes' if ok else 'no'} | {n} | {where or '—'} |"
            for pid, goal, ok, n, where in c["other_goals"]
        ],
        "",
    ]


def render(n: dict, s: dict) -> str:
    figures = {"intent accuracy": n["intent_accuracy"], "guide search top-1 (matter + aspect)": s["top1"]}
    lines = [
        "# Blind evaluation (tests/blind/, frozen 2026-12-01, never trained on)",
        "",
        f"Date: {date.today()} · command: `python -m bench.blind.report` (run by `make nlu-report` and `make bench`)",
        "",
        "| figure | value | goal | met |",
        "|---|---|---|---|",
        *[
            f"| {name} | {value:.1%} | ≥ {GOALS[name]:.0%} | {'yes' if value >= GOALS[name] else 'no'} |"
            for name, value in figures.items()
        ],
        f"| matters found exactly (messages that name matters) | {n['matters_exact']:.1%} | — | — |",
        f"| aspect found (guide questions among the utterances) | {n['aspect_found']:.1%} | — | — |",
        f"| guide search: matter right / aspect right | {s['matter']:.1%} / {s['aspect']:.1%} | — | — |",
        "",
        f"{n['utterances']} utterances (normalised as the channels normalise them), {s['questions']} guide questions.",
        "",
        "## Intent accuracy by intent",
        "",
        "| intent | accuracy |",
        "|---|---|",
        *[f"| {k} | {v:.0%} |" for k, v in n["by_intent"].items()],
        "",
        "## Most frequent confusions (expected → predicted)",
        "",
        *[f"- {pair}: {count}" for pair, count in n["confusions"]],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    text = render(nlu(), search.evaluate())
    if "--conversations" in sys.argv:
        text += "\n" + "\n".join(render_conversations(conversations()))
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
