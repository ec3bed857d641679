"""Drivers for the personas that do not apply: stopping midway, progress with the number, progress
with a lost number, withdrawing. Each plays from the persona's structured fields only and has one
success criterion:

- cancel_midway: after giving the facts it has, the citizen says it stops and confirms; success is
  the form left (the last reply asks no form question) and no application for the conversation.
- progress: an application with the persona's number and ID is seeded; success is a reply that
  shows that application's progress (its number).
- progress_lost_number: an application with the persona's ID is seeded; the citizen says the number
  is lost; success is a way on (where the number was sent, a person or 12345), not a loop.
- withdraw: as progress; success is the backend holding the application as withdrawn."""

import sqlite3
import uuid

import httpx

from bench.blind.conversations import APP_NO, MATTER_WORDS, Citizen, Outcome, _phrasings, asked_in
from tests.backend.helpers import SERVICE, application_body
from tests.support.citizens import HUSBAND, WIFE
from tests.support.stack import Stack

DRIVERS = ("cancel_midway", "progress", "progress_lost_number", "withdraw")
MAX_TURNS = 12
FORM_KEYS = {"matters", "already_married", "applicant_name", "applicant_id", "applicant_phone", "spouse_name"}
WAY_ON = ("12345", "转人工")


def seed(stack: Stack, persona: dict, number: str | None) -> str:
    """An application held by the backend for the persona's ID (under the persona's number when it
    has one: the row's number is rewritten in the stack's own SQLite file)."""
    id_number = persona["expected"]["id_number"]
    male = int(id_number[16]) % 2 == 1
    body = application_body(
        applicant={"name": "张伟" if male else "李娜", "id_number": id_number, "phone": "13812345678"},
        spouse={"name": "李娜" if male else "张伟", "id_number": WIFE if male else HUSBAND, "phone": "13987654321"},
    )
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications",
        json=body,
        headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
    )
    r.raise_for_status()
    made = r.json()["application_no"]
    if number:
        path = stack.env()["DATABASE_URL"].removeprefix("sqlite:///")
        with sqlite3.connect(path) as db:
            db.execute("UPDATE applications SET application_no = ? WHERE application_no = ?", (number, made))
        return number
    return made


def status_of(stack: Stack, number: str, id_number: str) -> str | None:
    r = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query",
        json={"application_no": number, "id_number": id_number},
        headers=SERVICE,
        timeout=30,
    )
    return r.json().get("overall_status") if r.status_code == 200 else None


def has_application(stack: Stack, conversation: str) -> bool:
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications/by-conversation",
        json={"conversation_id": conversation},
        headers=SERVICE,
        timeout=30,
    )
    return r.status_code == 200


def succeeded(stack: Stack, goal: str, reply: str, number: str, id_number: str) -> bool:
    if goal == "progress":
        return number in reply
    if goal == "progress_lost_number":
        return number in reply or any(w in reply for w in WAY_ON)
    return status_of(stack, number, id_number) == "withdrawn"


def play_goal(stack: Stack, persona: dict) -> Outcome:
    goal = persona["goal"]
    if goal == "cancel_midway":
        return play_cancel(stack, persona)
    expected = persona["expected"]
    number = seed(stack, persona, expected.get("application_no"))
    citizen = Citizen(stack, persona)
    out, facts = citizen.out, persona.get("facts") or {}
    used: dict[str, int] = {}
    digressions = list(persona.get("digressions") or [])
    restate = {"progress": "查询进度", "progress_lost_number": "申请编号找不到了", "withdraw": "撤回申请"}[goal]
    restated = False
    reply = citizen.say(persona["opening"])
    for turn in range(MAX_TURNS):
        shown = number in reply
        out.completed = succeeded(stack, goal, reply, number, expected["id_number"])
        if out.completed:
            return out
        asked = asked_in(reply)
        if digressions and turn == 1:
            message = digressions.pop(0)
        elif "请先说“查询进度”" in reply:  # the assistant's own instruction before a withdrawal
            message = "查询进度"
        elif goal == "withdraw" and shown:
            message = "撤回申请"  # the progress is shown: now the withdrawal, in the assistant's words
        elif asked == "application_no" and goal == "progress_lost_number":
            message = "编号找不到了"
        elif asked in ("application_no", "progress_id", "withdraw_confirm"):
            field = {"application_no": "application_no", "progress_id": "applicant_id", "withdraw_confirm": "confirm"}
            options = _phrasings(facts, field[asked]) or ["不知道"]
            used[asked] = used.get(asked, -1) + 1
            message = options[used[asked] % len(options)]
        elif not restated:
            restated, message = True, restate
        else:
            out.stuck_on = reply.strip().split("\n")[-1][:60] or "(no reply)"
            return out
        reply = citizen.say(message)
    out.stuck_on = "turn limit"
    return out


def play_cancel(stack: Stack, persona: dict) -> Outcome:
    citizen = Citizen(stack, persona)
    out, facts = citizen.out, persona.get("facts") or {}
    said_stop = False
    reply = citizen.say(persona["opening"])
    matters = "、".join(MATTER_WORDS[m] for m in persona["matters"])
    for _ in range(MAX_TURNS):
        if APP_NO.search(reply):
            out.stuck_on = "submitted"
            return out
        asked = asked_in(reply)
        if said_stop and asked != "stop_confirm":
            out.completed = asked not in FORM_KEYS and not has_application(stack, citizen.chat.sender)
            out.stuck_on = None if out.completed else (asked or reply.strip().split("\n")[-1][:60])
            return out
        if asked == "stop_confirm":
            message = "确定"
        elif asked == "matters":
            message = f"我要办{matters}"
        elif asked in facts:
            message = _phrasings(facts, asked)[0]
            facts = {k: v for k, v in facts.items() if k != asked}
        else:  # the facts it came with are given: it changes its mind
            said_stop, message = True, persona["cancel_say"]
        reply = citizen.say(message)
    out.stuck_on = "turn limit"
    return out
