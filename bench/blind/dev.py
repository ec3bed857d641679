"""`python -m bench.blind.dev [ids...]` (backend venv, a trained model): the hand-written development
citizens (bench/dev_conversations.yml) played like the blind personas, with every transcript
printed, for finding bugs before the blind figures judge. Needs no blind data."""

import json
import shutil
import sys
from pathlib import Path

import yaml

from bench.blind.conversations import play_all, summarise
from bench.blind.goals import DRIVERS
from tests.support.stack import Stack

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "bench" / "dev_conversations.yml"


def main() -> None:
    everyone = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    if wanted := set(sys.argv[1:]):
        everyone = [p for p in everyone if p["id"] in wanted]
    workdir = ROOT / "var" / "dev-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    stack = Stack(workdir).start()
    try:
        outcomes, others = play_all(stack, everyone)
    finally:
        stack.stop()
    for o in outcomes + others:
        print(f"\n===== {o.id} {o.goal} completed={o.completed} messages={o.messages} repeats={dict(o.repeated)}")
        for said, reply in o.transcript:
            print(f"  > {said}\n    " + reply.replace("\n", "\n    "))
    summary = summarise(everyone, outcomes, others, DRIVERS)
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
