"""The blind personas (tests/blind/conversations.yml) played against the running assistant over
REST, as a citizen would: the opening, then each question answered from the persona's facts in
its own words (the next phrasing when asked again), digressions and corrections on the way.

Judged: an application number reached; the application the backend holds has the persona's
matters; repeats (the same question asked again right after it was answered), split into silent
ones (the reply is the question alone: nothing said about the answer) and explained ones; citizen
messages to the number. The questions are recognised by the assistant's own wording (this
driver is infrastructure, not part of the blind set).

An efficient citizen (its style says "efficient") does what the form's first question invites
("也可以一次说完"): at its first form question it answers with all its remaining facts in one natural
message, labelled as a citizen labels them (bench/blind/bundle.py), then answers any later question
one fact at a time like the others. Nothing here looks at persona ids.

Goals besides applying (bench/blind/goals.py): stopping midway, progress with the number, progress
with a lost number, withdrawing."""

import re
import statistics
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx

from bench.blind.bundle import FACT_KEYS, bundle
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
    # Stopping, withdrawing and progress look-ups (asked by the progress form).
    ("stop_confirm", r"确定不办了吗"),
    ("withdraw_confirm", r"确定撤回申请"),
    ("application_no", r"请提供申请编号|申请编号格式不对"),
    ("progress_id", r"任一方的18位(居民)?身份证号|身份证号应为18位"),
    ("matters", r"请选择要一起办理的事项|要办理哪些|办哪几件"),
    ("already_married", r"已经领结婚证了吗|是否已经?领证"),
    ("spouse_name", r"对方.{0,8}姓名"),
    ("spouse_id", r"对方.{0,6}身份证"),
    ("spouse_phone", r"对方.{0,4}手机"),
    ("applicant_name", r"您的姓名"),
    ("applicant_id", r"身份证号"),
    ("applicant_phone", r"手机号"),
    ("registry_office_or_district", r"婚姻登记处"),
    # The married couple's day before the booking's bare 日期: "结婚登记日期" is not a booking.
    ("registered_at", r"哪天领的证|结婚登记日期|领证日期|结婚证上的登记"),
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
    explained_repeats: int = 0
    repeated: Counter = field(default_factory=Counter)  # question key -> times asked again
    stuck_on: str | None = None
    stopped_at: str | None = None  # the question key of the assistant's last reply
    transcript: list = field(default_factory=list)


def _phrasings(facts: dict, key: str) -> list[str]:
    value = facts
    for part in key.split("."):
        value = (value or {}).get(part) if isinstance(value, dict) else None
    if key == "migration.mover":
        return ["对方迁到我家" if value == "spouse" else "我迁到对方家"]
    if isinstance(value, bool):  # a yes/no fact (the household head's consent)
        return ["户主同意" if value else "户主还没同意"]
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def question_of(line: str) -> str | None:
    return next((key for key, pattern in QUESTIONS if re.search(pattern, line)), None)


def asked_in(text: str) -> str | None:
    """The question the reply ends with: the summary's confirmation anywhere in it, else its last
    line (a guide answer that mentions 婚姻登记处 on the way asks nothing)."""
    if re.search(QUESTIONS[0][1], text):
        return "confirm"
    last = text.strip().split("\n")[-1] if text.strip() else ""
    return question_of(last)


class Citizen:
    """One persona's side of a conversation: what was said, what was asked, repeats counted."""

    def __init__(self, stack: Stack, persona: dict):
        self.out = Outcome(persona["id"], persona["goal"], persona.get("style", ""))
        self.chat = Chat(stack, f"blind-{persona['id']}-{uuid.uuid4().hex[:6]}")
        self.previous_key: str | None = None
        self.previous_reply: str | None = None
        self.reply = ""

    def say(self, text: str) -> str:
        self.out.messages += 1
        messages = [m.get("text", "") for m in self.chat.say(text) if m.get("text")]
        reply = "\n".join(messages)
        self.out.transcript.append((text, reply))
        key = asked_in(reply)
        again = key is not None and key == self.previous_key and key != "confirm"
        if again or (key is None and reply and reply == self.previous_reply):
            self.out.repeated[key or "(no question)"] += 1
            # Silent: the question alone, nothing said about the answer.
            if len(messages) <= 1:
                self.out.silent_repeats += 1
            else:
                self.out.explained_repeats += 1
        self.previous_key, self.previous_reply, self.reply = key, reply, reply
        self.out.stopped_at = key
        return reply


def play(stack: Stack, persona: dict) -> Outcome:
    citizen = Citizen(stack, persona)
    out = citizen.out
    facts = persona.get("facts") or {}
    used: dict[str, int] = {}
    corrections = {c["field"]: c for c in persona.get("corrections") or []}
    pending_fix: list[str] = []
    digressions = list(persona.get("digressions") or [])
    bundled = persona.get("bundled_first_message")
    efficient = "efficient" in persona.get("style", "")
    matters_said = "、".join(MATTER_WORDS[m] for m in persona["matters"])
    if persona.get("married_already"):
        matters_said = f"我们已经领证了，只办{matters_said}"

    reply = citizen.say(persona["opening"])
    restated = False
    for turn in range(MAX_TURNS + 1):
        if m := APP_NO.search(reply):
            out.completed = True
            held = _matters_of(stack, m.group(0), persona, citizen.chat.sender)
            out.matters_right = held == sorted(persona["matters"])
            return out
        if turn == MAX_TURNS:
            break
        asked = asked_in(reply)
        if pending_fix:
            message = pending_fix.pop()
        elif digressions and turn == 2:
            message = digressions.pop(0)
        elif asked == "confirm":
            message = "确认提交"
        elif asked == "matters":
            message = matters_said
        elif asked == "already_married":
            message = "已经领证了" if persona.get("married_already") else "还没领证"
        elif efficient and asked in FACT_KEYS and (everything := _everything(persona, facts, bundled, used)):
            message, efficient, bundled = everything, False, None
        elif asked in ("applicant_name", "spouse_name") and bundled and asked == "applicant_name":
            message, bundled = bundled, None
        elif asked in corrections and asked not in used:
            used[asked] = 0
            message = corrections[asked]["wrong"]
            pending_fix.append(corrections[asked]["say"])
        elif asked in ("stop_confirm", "withdraw_confirm"):
            message = "不是，继续填写"  # an applying citizen never meant to stop
        elif asked:
            options = _phrasings(facts, asked) or ["不知道"]
            n = used.get(asked, -1) + 1
            used[asked] = n
            message = options[n % len(options)]
        elif not restated:  # no question: say once more what they came for, as a citizen would
            restated = True
            message = persona.get("follow_up") or f"我要申请{matters_said}"
        else:
            out.stuck_on = reply.strip().split("\n")[-1][:60]
            break
        reply = citizen.say(message)
    if not out.completed:
        out.stuck_on = out.stuck_on or "turn limit"
    return out


def _everything(persona: dict, facts: dict, bundled: str | None, used: dict[str, int]) -> str:
    """An efficient citizen's one message: its bundled first message, if it has one, and every fact
    not said yet. The facts said count as answered once (asked again, the next phrasing comes)."""
    said = [persona["opening"], bundled or ""]
    rest, keys = bundle(facts, said, _phrasings)
    for key in keys:
        used.setdefault(key, 0)
    return "；".join(part for part in (bundled, rest) if part)


def _matters_of(stack: Stack, number: str, persona: dict, conversation: str) -> list[str]:
    """The matters the backend holds for the number, asked as the bot asks in this conversation."""
    r = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query",
        json={"application_no": number, "id_number": persona["expected"]["applicant"]["id_number"]},
        headers={"Authorization": f"Bearer {stack.env()['BACKEND_SERVICE_TOKEN']}", "X-Conversation-Id": conversation},
        timeout=30,
    )
    return sorted(m["matter"] for m in r.json().get("matters", [])) if r.status_code == 200 else []


def play_all(stack: Stack, everyone: list[dict]) -> tuple[list[Outcome], list[Outcome]]:
    """The applying personas' outcomes, and those of the other goals that have a driver."""
    from bench.blind.goals import DRIVERS, play_goal

    return (
        [play(stack, p) for p in everyone if p["goal"] in APPLYING],
        [play_goal(stack, p) for p in everyone if p["goal"] in DRIVERS],
    )


def run(stack: Stack, everyone: list[dict] | None = None) -> dict:
    from bench.blind.goals import DRIVERS

    everyone = everyone if everyone is not None else load("conversations")
    outcomes, others = play_all(stack, everyone)
    return summarise(everyone, outcomes, others, DRIVERS)


def summarise(everyone: list[dict], outcomes: list[Outcome], others: list[Outcome], drivers) -> dict:
    done = [o for o in outcomes if o.completed]
    efficient = [o.messages for o in done if "efficient" in o.style]
    repeated = sum((o.repeated for o in outcomes + others), Counter())
    return {
        "played": len(outcomes),
        "not_played": sorted({p["goal"] for p in everyone} - APPLYING - set(drivers)),
        "completed": len(done) / len(outcomes),
        "matters_right": sum(o.matters_right for o in outcomes) / len(outcomes),
        "silent_repeats": sum(o.silent_repeats for o in outcomes + others),
        "explained_repeats": sum(o.explained_repeats for o in outcomes + others),
        "repeated_keys": repeated.most_common(),
        "median_messages_efficient": statistics.median(efficient) if efficient else None,
        "median_messages": statistics.median([o.messages for o in done]) if done else None,
        "stuck": [(o.id, o.stuck_on, o.stopped_at) for o in outcomes if not o.completed],
        "other_goals": [(o.id, o.goal, o.completed, o.messages, o.stuck_on) for o in others],
    }
