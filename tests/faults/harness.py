"""The real stack with a fault proxy on each hop that a submission crosses (Rasa → action server,
action server → backend), the backend's database opened for checking, and the figures each
scenario prints."""

import json
import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.faults.records import Database, Stored, matching
from tests.support.fault_proxy import FaultProxy, Match
from tests.support.stack import Chat, Stack

NUMBER = re.compile(r"HY\d{6}[0-9A-Z]{8}")
_background = ThreadPoolExecutor(max_workers=2, thread_name_prefix="citizen")


@dataclass
class FaultStack:
    label: str  # the database the stack runs on, for the printed figures
    stack: Stack
    to_actions: FaultProxy  # Rasa → action server
    to_backend: FaultProxy  # action server → backend
    db: Database
    lock_store: str | None = None  # Redis URL of Rasa's lock store, when several processes share it

    def chat(self, name: str, rasa: str = "rasa") -> Chat:
        return Chat(self.stack, name, self.stack.url_of(rasa))

    def wait_for_dead_lock_to_expire(self, conversation_id: str, timeout: float = 120) -> None:
        """A Rasa process killed mid-turn leaves its ticket on the conversation's lock in Redis
        until TICKET_LOCK_LIFETIME runs out; a message arriving before that queues behind it, and
        Rasa 3.6 never serves a queued ticket that expires within a second of the dead one (its
        ticket is checked once a second): that message waits until its client gives up. A
        citizen who got no reply writes again a little later; here, once the dead ticket is gone."""
        import redis

        key = f"hunyu:lock:{conversation_id}"  # endpoints.production.yml: key_prefix hunyu
        client = redis.Redis.from_url(self.lock_store)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            raw = client.get(key)
            tickets = [json.loads(t) for t in json.loads(raw)["tickets"]] if raw else []
            if all(t["expires"] < time.time() for t in tickets):
                return
            time.sleep(0.5)
        raise AssertionError(f"the dead process's lock on {conversation_id} never expired")

    def stop(self) -> None:
        self.db.close()
        self.stack.stop()


def start_fault_stack(
    label: str, workdir: Path, *, extra_env: dict | None = None, lock_store: str | None = None, **stack_options
) -> FaultStack:
    stack = Stack(workdir, **stack_options)
    to_actions, to_backend = FaultProxy(stack.actions_url), FaultProxy(stack.backend_url)
    stack.extra_env = {
        **(extra_env or {}),
        "ACTION_ENDPOINT_URL": f"{to_actions.url}/webhook",
        "BACKEND_URL": to_backend.url,
    }
    stack.start()
    env = stack.env()
    return FaultStack(label, stack, to_actions, to_backend, Database(env["DATABASE_URL"], env["PII_KEY"]), lock_store)


def action_call(sender: str, action: str, text: str) -> Match:
    """Rasa's call of `action` in the turn that answers `text` in this conversation."""

    def match(method: str, path: str, body: bytes) -> bool:
        if method != "POST" or not body:
            return False
        call = json.loads(body)
        latest = (call.get("tracker") or {}).get("latest_message") or {}
        return call.get("sender_id") == sender and call.get("next_action") == action and latest.get("text") == text

    return match


def submission_from(sender: str) -> Match:
    """The action server's submission for this conversation."""

    def match(method: str, path: str, body: bytes) -> bool:
        return method == "POST" and path == "/api/v1/applications" and json.loads(body)["conversation_id"] == sender

    return match


def in_background(fn, *args) -> Future:
    """A citizen's message whose turn a fault will interrupt."""
    return _background.submit(fn, *args)


def numbers_in(text: str) -> set[str]:
    return set(NUMBER.findall(text))


def report(
    fs: FaultStack,
    scenario: str,
    *,
    answers: tuple[dict, Stored | dict],
    applications: tuple[int, list[Stored]] | None = None,
) -> tuple[int, int]:
    """Prints the scenario's figures and returns (answers expected, answers found)."""
    expected_answers, holder = answers
    found = matching(expected_answers, holder.answers if isinstance(holder, Stored) else holder)
    print(f"\n[faults · {fs.label}] {scenario}")
    if applications is not None:
        print(f"  applications expected {applications[0]} / found {len(applications[1])}")
    print(f"  answers expected {len(expected_answers)} / found {found}")
    return len(expected_answers), found
