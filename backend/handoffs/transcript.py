"""A conversation as staff see it: Rasa's tracker turned into masked transcript lines and the
application form's answers so far (masked; a full value only through an audited reveal)."""

from collections.abc import Callable

from backend.handoffs.schemas import FormAnswer, TranscriptLine
from backend.matters.catalog import CATALOG, Matter
from backend.pii import mask_address, mask_id_number, mask_name, mask_phone, mask_text

EXTERNAL_PREFIX = "EXTERNAL: "  # Rasa's text for an intent the backend triggered
AGENT_KEY = "agent"  # metadata of a bot event an agent wrote
SYSTEM_KEY = "console"  # metadata of a notice the console sent (taken over, handed back)


def _matters(value) -> str:
    return "、".join(CATALOG[Matter(m)].short_name for m in value or [] if m in Matter.__members__)


def _hukou(value) -> str:
    names = {"applicant": "申请人", "spouse": "对方"}
    return "、".join(names.get(v, v) for v in value or []) or "都不是"


def _yes_no(value) -> str:
    return "是" if value else "否"


# The form's fields in the order the assistant asks them: slot, label, how it is shown.
FORM_FIELDS: list[tuple[str, str, Callable]] = [
    ("matters", "办理事项", _matters),
    ("applicant_name", "申请人姓名", mask_name),
    ("applicant_id", "申请人身份证号", mask_id_number),
    ("applicant_phone", "申请人手机号", mask_phone),
    ("spouse_name", "对方姓名", mask_name),
    ("spouse_id", "对方身份证号", mask_id_number),
    ("spouse_phone", "对方手机号", mask_phone),
    ("registry_office", "婚姻登记处", str),
    ("appointment_date", "预约登记日期", str),
    ("shanghai_hukou", "上海户籍", _hukou),
    ("migration_mover", "迁户口的一方", {"spouse": "对方迁入申请人家", "applicant": "申请人迁入对方家"}.get),
    ("household_address", "迁入地址", mask_address),
    ("household_head_name", "户主姓名", mask_name),
    ("household_head_consent", "户主同意", _yes_no),
    ("child_order", "孩次", str),
    ("residence_district", "居住区", str),
    ("expected_due_date", "预产期", str),
]
LABELS = {slot: label for slot, label, _ in FORM_FIELDS}
# Fields whose full value is personal data: shown only through an audited reveal.
REVEALABLE = {
    "applicant_name",
    "applicant_id",
    "applicant_phone",
    "spouse_name",
    "spouse_id",
    "spouse_phone",
    "household_address",
    "household_head_name",
}
NAME_SLOTS = ("applicant_name", "spouse_name", "household_head_name")


def known_names(slots: dict) -> list[str]:
    return [v for k in NAME_SLOTS if isinstance(v := slots.get(k), str)]


def answers(slots: dict) -> list[FormAnswer]:
    out = []
    for slot, label, show in FORM_FIELDS:
        value = slots.get(slot)
        if value is None or value == []:
            continue
        shown = str(show(value) or value)
        out.append(FormAnswer(field=slot, label=label, value=shown, revealable=slot in REVEALABLE))
    return out


def lines(tracker: dict) -> list[TranscriptLine]:
    names = known_names(tracker.get("slots") or {})
    out = []
    for event in tracker.get("events") or []:
        kind, at = event.get("event"), float(event.get("timestamp") or 0)
        text = event.get("text")
        if kind == "user" and text and not text.startswith(EXTERNAL_PREFIX):
            out.append(TranscriptLine(at=at, who="citizen", text=mask_text(text, names)))
        elif kind == "bot" and text:
            metadata = event.get("metadata") or {}
            who = "agent" if metadata.get(AGENT_KEY) else "system" if metadata.get(SYSTEM_KEY) else "assistant"
            out.append(TranscriptLine(at=at, who=who, text=mask_text(text, names)))
    return out


def pending_question(tracker: dict) -> str | None:
    """What the form asked last (the handoff cleared it), by its label: where the assistant resumes."""
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value"):
            return LABELS.get(event["value"], "核对并确认提交")
    return None


def form_in_progress(tracker: dict) -> bool:
    """An application is being filled: submitting or stopping clears the form's slots."""
    slots = tracker.get("slots") or {}
    return bool(slots.get("matters"))
