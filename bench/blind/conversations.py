"""The blind personas (tests/blind/conversations.yml) played against the running assistant over
REST, as a citizen would: the opening, then each question answered from the persona's facts in
its own words (the next phrasing when asked again), digressions and corrections on the way.

Judged: an application number reached; the application the backend holds has the persona's
matters; silent repeats (the same question again with nothing said about the answer); citizen
messages to the number. The questions are recognised by the assistant's own wording (this
driver is infrastructure, not part of the blind set)."""

import re
import statistics
import uuid
from dataclasses import dataclass, field

import httpx

from bench.blind.data import load
from tests.support.stack import Chat, Stack

APPLYING = {"apply", "guide_then_apply", "human_then_apply"} | {"married_birth_only", "married_hukou_only"}
APPLYING |= {"married_migration_only", "married_hukou_and_migration"}
MAX_TURNS = 40
MATTER_WORDS = {
    "marriage_registration": "结婚登记",
    "hukou_marital_status": "户口婚姻状况变更",
    "hukou_migration": "户口迁移",
    "birth_registration": "生育登记",
}
# (fact, the assistant's question) — most specific first.
QUESTIONS = [
    ("confirm", r"请核对申请信息"),
    ("matters", r"请选择要一起办理的事项|要办理哪些|办哪几件"),
    ("spouse_name", r"对方.{0,8}姓名"),
    ("spouse_id", r"对方.{0,6}身份证"),
    ("spouse_phone", r"对方.{0,4}手机"),
    ("applicant_name", r"您的姓名"),
    ("applicant_id", r"身份证号"),
    ("applicant_phone", r"手机号"),
    ("registry_office_or_district", r"婚姻登记处"),
    ("appointment_date", r"预约哪天|哪天去登记|日期"),
    ("shanghai_hukou", r"谁是上海户口"),
    ("migration.mover", r"谁迁到谁家"),
    ("migration.household_address", r"家庭户地址"),
    ("migration.household_head_name", r"户主叫什么"),
    ("migration.consent", r"户主同意"),
    ("birth.child_order", r"第几个孩子"),
    ("birth.residence_district", r"住在上海哪个区"),
    ("birth.expected_due_date", r"预产期"),
    ("certificate_no", r"结婚证.{0,4}(号|字号)"),
    ("registered_at", r"哪天领的证|登记日期|领证日期"),
]
APP_NO = re.compile(r"HY\d{6}[0-9A-Z]{8}")


@dataclass
class Outcome:
    id: str
    goal: str
    style: str
    completed: bool = False
    matters_right: bool = False
    messages: int = 0
    silent_repeats: int = 0
    stuck_on: str | None = None
    transcript: list = field(default_factory=list)


def _phrasings(facts: dict, key: str) -> list[str]:
    value = facts
    for part in key.split("."):
        value = (value or {}).get(part)
    if key == "migration.mover":
        return ["对方迁到我家" if value == "spouse" else "我迁到对方家"]
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _asked(text: str) -> str | None:
    """The question the reply ends with: the summary's confirmation anywhere in it, else its last line."""
    if re.search(QUESTIONS[0][1], text):
        return "confirm"
    last = text.strip().split("\n")[-1] if text.strip() else ""
    return next((key for key, pattern in QUESTIONS if re.search(pattern, last)), None)


def play(stack: Stack, persona: dict) -> Outcome:
    out = Outcome(persona["id"], persona["goal"], persona.get("style", ""))
    chat = Chat(stack, f"blind-{persona['id']}-{uuid.uuid4().hex[:6]}")
    facts = persona.get("facts") or {}
    used: dict[str, int] = {}
    corrections = {c["field"]: c for c in persona.get("corrections") or []}
    pending_fix: list[str] = []
    digressions = list(persona.get("digressions") or [])
    bundled = persona.get("bundled_first_message")
    matters_said = "、".join(MATTER_WORDS[m] for m in persona["matters"])
    if persona.get("married_already"):
        matters_said = f"我们已经领证了，只办{matters_said}"

    def say(text: str) -> str:
        out.messages += 1
        reply = chat.text(text)
        out.transcript.append((text, reply))
        return reply

    reply = say(persona["opening"])
    previous = None
    restated = False
    for turn in range(MAX_TURNS + 1):
        if m := APP_NO.search(reply):
            out.completed = True
            held = _matters_of(stack, m.group(0), persona, chat.sender)
            out.matters_right = held == sorted(persona["matters"])
            return out
        if turn == MAX_TURNS:
            break
        if reply == previous:
            out.silent_repeats += 1
        previous = reply
        asked = _asked(reply)
        if pending_fix:
            message = pending_fix.pop()
        elif digressions and turn == 2:
            message = digressions.pop(0)
        elif asked == "confirm":
            message = "确认提交"
        elif asked == "matters":
            message = matters_said
        elif asked in ("applicant_name", "spouse_name") and bundled and asked == "applicant_name":
            message, bundled = bundled, None
        elif asked in corrections and asked not in used:
            used[asked] = 0
            message = corrections[asked]["wrong"]
            pending_fix.append(corrections[asked]["say"])
        elif asked:
            options = _phrasings(facts, asked) or ["不知道"]
            n = used.get(asked, -1) + 1
            used[asked] = n
            message = options[n % len(options)]
        elif not restated:  # no question: say once more what they came for, as a citizen would
            restated = True
            message = f"我要申请{matters_said}"
        else:
            out.stuck_on = reply.strip().split("\n")[-1][:60]
            break
        reply = say(message)
    if not out.completed:
        out.stuck_on = out.stuck_on or "turn limit"
    return out


def _matters_of(stack: Stack, number: str, persona: dict, conversation: str) -> list[str]:
    """The matters the backend holds for the number, asked as the bot asks in this conversation."""
    r = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query",
        json={"application_no": number, "id_number": persona["expected"]["applicant"]["id_number"]},
        headers={"Authorization": f"Bearer {stack.env()['BACKEND_SERVICE_TOKEN']}", "X-Conversation-Id": conversation},
        timeout=30,
    )
    return sorted(m["matter"] for m in r.json().get("matters", [])) if r.status_code == 200 else []


def run(stack: Stack) -> dict:
    personas = [p for p in load("conversations") if p["goal"] in APPLYING]
    outcomes = [play(stack, p) for p in personas]
    done = [o for o in outcomes if o.completed]
    efficient = [o.messages for o in done if "efficient" in o.style]
    return {
        "played": len(outcomes),
        "not_played": sorted({p["goal"] for p in load("conversations")} - APPLYING),
        "completed": len(done) / len(outcomes),
        "matters_right": sum(o.matters_right for o in outcomes) / len(outcomes),
        "silent_repeats": sum(o.silent_repeats for o in outcomes),
        "median_messages_efficient": statistics.median(efficient) if efficient else None,
        "median_messages": statistics.median([o.messages for o in done]) if done else None,
        "stuck": [(o.id, o.stuck_on) for o in outcomes if not o.completed],
    }
