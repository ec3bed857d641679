"""The notice dispatcher SIGKILLed at the worst moments of a delivery, and the backend SIGKILLed
with notices in its outbox. The dispatcher reaches Rasa through a fault proxy that holds the one
`say` exchange: before Rasa gets it, or after Rasa has sent the notice and before the dispatcher
hears so. After a restart every notice is delivered, and delivered once. The backend on SQLite
and on PostgreSQL (TEST_POSTGRES_URL)."""

import json
import time
import uuid

import httpx
import pytest

from backend.simulator.client import DepartmentClient, register_marriage
from tests.backend.helpers import SERVICE, application_body
from tests.faults.conftest import _workdir
from tests.support.databases import throwaway_postgres
from tests.support.fault_proxy import FaultProxy
from tests.support.stack import Stack, dispatcher_service


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def notice_database(request):
    """The backend's database: the stack's own SQLite file, or a PostgreSQL database of this run
    (from TEST_POSTGRES_URL), dropped afterwards. Rasa keeps its SQLite trackers either way."""
    if request.param == "sqlite":
        yield None
        return
    with throwaway_postgres("hy_faults_notices") as (url,):
        yield url


@pytest.fixture(scope="module")
def notice_stack(notice_database):
    stack = Stack(_workdir("faults-notices"), database_url=notice_database, dispatcher=False)
    stack.start()
    proxy = FaultProxy(stack.rasa_url)
    env = stack.env() | {"RASA_URL": proxy.url}
    dispatcher = dispatcher_service(env, stack.workdir / "logs" / "dispatcher.log")
    stack.services.append(dispatcher)
    dispatcher.start()
    dispatcher.wait(60)
    yield stack, proxy
    stack.stop()


def submit(stack) -> tuple[str, str]:
    conversation = f"rest:fault-{uuid.uuid4().hex[:8]}"
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications",
        json=application_body(channel="rest", conversation_id=conversation),
        headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return r.json()["application_no"], conversation


def notices(stack, number: str) -> list[dict]:
    r = httpx.get(f"{stack.backend_url}/api/v1/notices", params={"application_no": number}, headers=SERVICE)
    return r.json()


def delivered(stack, number: str, count: int, timeout: float = 60) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = notices(stack, number)
        if len(found) == count and all(n["status"] == "sent" for n in found):
            return found
        time.sleep(0.2)
    raise AssertionError(f"not all delivered: {notices(stack, number)}")


def keyed_bot_events(stack, conversation: str) -> list[str]:
    events = stack.tracker(conversation)["events"]
    return [
        e["metadata"]["notice_key"] for e in events if e["event"] == "bot" and e.get("metadata", {}).get("notice_key")
    ]


def texts_for(stack, number: str) -> list[str]:
    lines = [json.loads(line) for line in stack.sms_log.read_text().splitlines()] if stack.sms_log.exists() else []
    return [t["reference"] for t in lines if t["reference"].startswith(number)]


def say_to(conversation: str):
    path = f"/conversations/{conversation}/tracker/events"
    return lambda method, path_qs, body: method == "POST" and path_qs.replace("%3A", ":").startswith(path)


@pytest.mark.parametrize("after_rasa", [True, False], ids=["after-rasa-sent", "before-rasa-got-it"])
def test_dispatcher_killed_mid_delivery(notice_stack, after_rasa):
    stack, proxy = notice_stack
    number, conversation = submit(stack)
    fault = proxy.arm(say_to(conversation), after_upstream=after_rasa)
    assert register_marriage(number, stack.backend_url).status_code == 200
    fault.wait_until_held()
    stack.kill("dispatcher")
    fault.release()
    stack.restart("dispatcher", timeout=60)
    found = delivered(stack, number, 2)
    chat = next(n for n in found if n["channel"] == "chat")
    keys = keyed_bot_events(stack, conversation)
    print(f"\n[notices] dispatcher killed {'after' if after_rasa else 'before'} Rasa sent: "
          f"chat deliveries expected 1 / found {len(keys)}, texts expected 1 / found {len(texts_for(stack, number))}, "
          f"tries {chat['attempts']}")  # fmt: skip
    assert len(keys) == 1 and chat["attempts"] >= 2
    assert len(texts_for(stack, number)) == 1


def test_backend_killed_with_notices_in_the_outbox(notice_stack):
    stack, _ = notice_stack
    stack.kill("dispatcher")  # the outbox fills while nobody drains it
    submitted = [submit(stack) for _ in range(5)]
    for number, _ in submitted:
        assert register_marriage(number, stack.backend_url).status_code == 200
    police = DepartmentClient("public_security", stack.backend_url)
    for number, _ in submitted:
        assert police.push(number, "hukou_marital_status", "completed").status_code == 200
    stack.kill("backend")
    stack.restart("backend", timeout=60)
    stack.restart("dispatcher", timeout=60)
    for number, conversation in submitted:
        found = delivered(stack, number, 4)
        keys = keyed_bot_events(stack, conversation)
        assert keys == [n["delivery_key"] for n in found if n["channel"] == "chat"]  # each once, in order
        assert sorted(texts_for(stack, number)) == sorted(n["delivery_key"] for n in found if n["channel"] == "sms")
        said = [e["text"] for e in stack.tracker(conversation)["events"] if e["event"] == "bot"]
        assert "结婚登记已办结" in said[0] and "户口婚姻状况变更已办结" in said[1]  # in event order
    print(f"\n[notices] backend killed with {len(submitted) * 4} notices in the outbox: all delivered once")
