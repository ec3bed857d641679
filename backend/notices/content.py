"""What a notice says: short Chinese, what happened and what to do next, with the application
number. No names, ID numbers or phones; a department's note is cut short, as it is free text."""

from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES, Matter
from backend.matters.statuses import Status

NOTE_LIMIT = 60
HELP = "如有疑问可在对话中转人工，或拨打12345。"


def _note(note: str | None) -> str:
    note = " ".join((note or "").split())
    return note if len(note) <= NOTE_LIMIT else note[: NOTE_LIMIT - 1] + "…"


def _name(matter: Matter) -> str:
    return CATALOG[matter].short_name


def marriage_registered(number: str, started: list[Matter]) -> str:
    text = f"申请{number}：结婚登记已办结，电子结婚证已送达相关部门。"
    if started:
        text += f"{'、'.join(_name(m) for m in started)}已自动启动办理，无需再跑。"
    return text + "说“办到哪了”可查看进度。"


def needs_supplement(number: str, matter: Matter, note: str | None, materials: list[str] = ()) -> str:
    """`materials`: names of what the department asked to be uploaded (its `required_materials`);
    only then is uploading offered, since only requested (or advance) materials are accepted."""
    department = DEPARTMENT_NAMES[CATALOG[matter].department]
    what = _note(note) or "请留意部门的补充要求"
    if materials:
        return (
            f"申请{number}：{_name(matter)}需要补充材料：{'、'.join(materials)}（{what}）。"
            # The same text goes by chat and by SMS, and hotline applicants have no chat: no "本对话".
            "可以在进度查询页凭申请编号和身份证号上传；在线申请的，也可以在申请时的对话里上传"
            "（微信里直接发照片，网页对话点“📎上传材料”）；"
            f"也可以按{department}部门的要求补交。补齐后继续审核。{HELP}"
        )
    return (
        f"申请{number}：{_name(matter)}需要补充材料：{what}。"
        f"请按要求向{department}部门补交，补齐后继续审核。问我“{_name(matter)}要带什么材料”可看清单。{HELP}"
    )


def completed(number: str, matter: Matter) -> str:
    return f"申请{number}：{_name(matter)}已办结。说“办到哪了”可查看全部事项的进度。"


def rejected(number: str, matter: Matter, note: str | None, cancelled: list[Matter]) -> str:
    reason = _note(note) or "部门未说明原因"
    text = f"申请{number}：{_name(matter)}未通过，原因：{reason}。"
    if cancelled:
        text += f"联办的{'、'.join(_name(m) for m in cancelled)}随之终止。"
    return text + HELP


def withdrawn(number: str, matters: list[Matter]) -> str:
    return f"申请{number}已撤回，{'、'.join(_name(m) for m in matters)}不再办理。如需办理可重新申请。"


def for_department_event(
    number: str, matter: Matter, status: Status, note: str | None, started: list[Matter], materials: list[str] = ()
) -> tuple[str, str] | None:
    """(kind, text) for a department's change the citizen should hear of; None for the others
    (a case back `in_review` after a supplement is the department's routine)."""
    if matter == Matter.marriage_registration and status == Status.completed:
        return "marriage_registered", marriage_registered(number, started)
    if status == Status.needs_supplement:
        return "needs_supplement", needs_supplement(number, matter, note, materials)
    if status == Status.completed:
        return "completed", completed(number, matter)
    if status == Status.rejected:
        return "rejected", rejected(number, matter, note, started)
    return None


# ---- messages that answer the citizen in their conversation (chat only) ----

# The conversation's own channel already showed the upload's confirmation (the widget, WeChat's
# reply): the notice only records it in the transcript, so the citizen never sees it twice.
MATERIAL_RECORDED = "material_recorded"
# Uploaded elsewhere (the progress page): the conversation is told.
MATERIAL_RECEIVED = "material_received"
RATING_REQUEST = "rating_request"
RECORD_ONLY = {MATERIAL_RECORDED}
RATING_SCORES = range(1, 6)


def material_received(name: str, described: str, replaced: bool, reviewer: str | None, remaining: list[str]) -> str:
    """`reviewer`: the department that asked for it (a supplement); `remaining`: what may still be sent."""
    text = f"{'已替换' if replaced else '已收到'}您上传的《{name}》（{described}）"
    text += f"，{reviewer}部门会审核。" if reviewer else "。"
    if remaining:
        text += f"还可以上传：{'、'.join(f'《{n}》' for n in remaining)}。"
    return text + "需要替换，重新上传同一材料即可。"


def rating_request(number: str) -> str:
    return (
        f"申请{number}的全部事项都已办结。请为本次办理打分：1分非常不满意，5分非常满意"
        "（点下面的分数，或直接说“5分”“满意”）。也可以在进度查询页评价。"
    )


def rating_buttons() -> list[dict]:
    """In score order, so that WeChat's numbered choice "5" is five points."""
    return [{"title": f"{score}分", "payload": f'/rate{{"rating":"{score}"}}'} for score in RATING_SCORES]


def buttons_of(kind: str) -> list[dict] | None:
    return rating_buttons() if kind == RATING_REQUEST else None


def slots_of(kind: str) -> dict | None:
    """The assistant's slots set with the notice: the rating request is an offer, so that a score
    said in words ("蛮好额 给五颗星") answers it (bot/actions/offers.py)."""
    return {"offered": "rating"} if kind == RATING_REQUEST else None
