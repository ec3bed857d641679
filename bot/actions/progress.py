"""Progress look-ups: for the application submitted in this conversation, or by application
number and ID number. One message covers every matter."""

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.dates import describe
from bot.actions.form_support import (
    clear_failure,
    cleared,
    handover_due,
    handover_text,
    reads_as_answer,
    record_failure,
    returning_after_interruption,
    with_next_slot,
)
from bot.actions.turns import wait_for_citizen

APP_NO = re.compile(r"(?<![A-Za-z0-9])[Hh][Yy]\d{6}[0-9A-Za-z]{8}(?![A-Za-z0-9])")
APP_NO_ATTEMPT = re.compile(r"(?<![A-Za-z0-9])[Hh][Yy][0-9A-Za-z]{4,20}(?![A-Za-z0-9])")
ID = re.compile(r"(?<![0-9Xx])\d{17}[0-9Xx](?![0-9Xx])")
ID_ATTEMPT = re.compile(r"(?<![0-9Xx])\d{14,20}[Xx]?(?![0-9Xx])")
# The citizen lost the number (编号找不到了, 忘了申请号, 申请号丢了): not a failed answer. A bare
# 没记下来 / 忘了 counts only as the answer to the question for the number.
_LOST = r"(找不到|找不着|忘了|忘记|不记得|记不得|记不清|没记|没有记|没存|没保存|丢了|弄丢|删了|不知道)"
_NUMBER = r"(编号|申请号|号码|单号|受理号)"
LOST = re.compile(rf"{_LOST}.{{0,6}}{_NUMBER}|{_NUMBER}.{{0,6}}{_LOST[:-1]}|丢|没了|删)")
LOST_ANSWER = re.compile(rf"^\W*(我|那个|这个)?(也|都)?{_LOST}")
WHERE_SENT = (
    "申请编号在提交成功时就发给您了：请翻看当时提交申请的那个对话（网页对话或微信公众号消息）里"
    "“申请已提交”那条消息，编号以HY开头，共16位。"
)
RECOVER_OPTIONS = [
    {"title": "转人工", "payload": "转人工"},
    {"title": "拨打12345", "payload": "12345怎么打"},
]
# The number lost a second time in one look-up: the question is not asked again (a citizen who never
# applied, or came to apply and was taken for asking progress, would be asked for ever); the ways on,
# applying among them.
LOST_AGAIN = "lost_number"
STOP_LOOKING = (
    "这次先不查了。找到编号后随时发给我，我马上帮您查；找不到可以转人工或拨打12345。"
    "如果您还没有申请过、是想申请办理，请说“我要申请”。"
)
AFTER_LOST_OPTIONS = [*RECOVER_OPTIONS, {"title": "我要申请办理", "payload": "/apply"}]
EXPLAIN = {
    "progress_application_no": "申请编号是提交联办申请后告诉您的编号，以HY开头，共16位，例如HY261127W9W1GXGR。找不到编号可以转人工或拨打12345。",
    "progress_id_number": "为保护个人信息，查询时需要核对身份：请输入申请中任一方的18位居民身份证号。",
}
PROBLEM = {
    "progress_application_no": "申请编号格式不对：应以HY开头，共16位字母和数字。",
    "progress_id_number": "身份证号应为18位（最后一位可以是X），请核对后重新输入。",
}
NEXT_STEP = {
    "awaiting_visit": "请按预约日期双方一同携带身份证到婚姻登记处办理结婚登记，登记后其他事项自动启动。",
    "needs_supplement": "有事项需要补充材料，请按上面的说明补充；有疑问可以转人工或拨打12345。",
    "in_progress": "各部门正在办理，办结后会同步更新，您可以随时再来查询。",
    "completed": "全部事项都已办结，祝您生活幸福！",
    "closed": "申请已结束。如需重新办理，说“我要申请”即可。",
    "withdrawn": "申请已撤回。如需重新办理，说“我要申请”即可。",
}

# Where a requested file can be handed over (the backend takes it on each of these).
UPLOAD_HINT = "  需要上传材料：网页对话点“📎 上传材料”，微信里直接发送照片，或在进度查询页上传。"

# The look-up form's own slots: cleared once it has answered or been left.
PROGRESS_SLOTS = ("progress_application_no", "progress_id_number")


def render_progress(data: dict) -> str:
    lines = [f"申请{data['application_no']}：{data['overall_status_text']}"]
    for m in data["matters"]:
        note = f"（{m['note']}）" if m.get("note") else ""
        lines.append(f"· {m['matter_name']}（{m['department_name']}）：{m['status_text']}{note}")
        if m["status"] == "needs_supplement" and (m.get("result") or {}).get("required_materials"):
            lines.append(UPLOAD_HINT)
    if data["overall_status"] == "awaiting_visit" and data.get("appointment_date"):
        from datetime import date

        day = describe(date.fromisoformat(data["appointment_date"]))
        lines.append(f"请双方于{day}一同携带身份证到{data['registry_office']}办理结婚登记，登记后其他事项自动启动。")
    else:
        lines.append(NEXT_STEP[data["overall_status"]])
    return "\n".join(lines)


def lost_number(text: str, asked: bool) -> bool:
    """Says the number is lost, rather than giving one; `asked`: in answer to the question for it."""
    if APP_NO.search(text):
        return False
    return bool(LOST.search(text) or (asked and LOST_ANSWER.search(text)))


def numbers_in(text: str) -> dict:
    found: dict = {}
    if m := APP_NO.search(text):
        found["progress_application_no"] = m.group(0).upper()
    if m := ID.search(text):
        found["progress_id_number"] = m.group(0).upper()
    return found


async def recover_number(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """A lost number: the application this conversation submitted is found by conversation;
    otherwise say where the number was sent and offer a person or the 12345 hotline."""
    try:
        reply = await backend.by_conversation(tracker.sender_id)
    except backend.BackendUnavailable:
        reply = None
    if reply is not None and reply.status == 200:
        number = reply.data["application_no"]
        dispatcher.utter_message(text=f"不用担心，这个对话里提交过申请，编号是{number}，下面是它的进度。")
        return [SlotSet("application_no", number)]
    dispatcher.utter_message(
        text=f"{WHERE_SENT}\n如果找不到那条消息，可以转人工，或拨打12345市民服务热线，核实身份后帮您查询。"
        "找到编号后直接发给我就行。",
        buttons=RECOVER_OPTIONS,
    )
    return []


class ActionFindOwnApplication(Action):
    """A conversation that submitted an application may see it without typing its number."""

    def name(self) -> str:
        return "action_find_own_application"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("application_no"):
            return []
        try:
            reply = await backend.by_conversation(tracker.sender_id)
        except backend.BackendUnavailable:
            return []
        return [SlotSet("application_no", reply.data["application_no"])] if reply.status == 200 else []


def asking_turn(tracker: Tracker) -> bool:
    """The look-up starting on the message that asked for it (the rule runs
    action_find_own_application first, and Rasa adds the form's own action): that message is read,
    it is not an interruption ("编号找不到了，想查进度", "HY… 办到哪了，身份证…")."""
    since: set = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "action":
            since.add(event.get("name"))
    return since <= {"action_find_own_application", "progress_form"}


class ValidateProgressForm(FormValidationAction):
    def name(self) -> str:
        return "validate_progress_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        return [] if tracker.get_slot("application_no") else ["progress_application_no", "progress_id_number"]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        if returning_after_interruption(tracker) and not asking_turn(tracker):
            return await with_next_slot(self, dispatcher, tracker, domain, [])
        text = tracker.latest_message.get("text") or ""
        found = numbers_in(text)
        asked = requested == "progress_application_no"
        counts = tracker.get_slot("failure_counts") or {}
        if not found and (asked or requested is None) and lost_number(text, asked):
            # Not a failed answer: help to find the number, then ask again (or answer). The counts
            # are set so that Rasa sees the form took the message: a form that sets only the
            # requested slot is rejected, and what it said is lost.
            recovered = await recover_number(dispatcher, tracker)
            if not recovered:
                counts = {**counts, LOST_AGAIN: counts.get(LOST_AGAIN, 0) + 1}
            if counts.get(LOST_AGAIN, 0) >= 2:
                dispatcher.utter_message(text=STOP_LOOKING, buttons=AFTER_LOST_OPTIONS)
                ended = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), wait_for_citizen()]
                return [SlotSet("failure_counts", {}), *ended]
            events = [*recovered, SlotSet("failure_counts", counts)]
            return await with_next_slot(self, dispatcher, tracker, domain, events)
        # Asking for progress again while the look-up waits for a number is no other request: what
        # is missing is said (no rule takes ask_progress inside the look-up).
        answer_like = reads_as_answer(tracker) or tracker.latest_message.get("intent", {}).get("name") == "ask_progress"
        if requested and requested not in found and (answer_like or found):
            attempt = (APP_NO_ATTEMPT if requested == "progress_application_no" else ID_ATTEMPT).search(text)
            message = (
                PROBLEM[requested]
                if attempt
                else f"没有从您的回复里找到{'申请编号' if 'no' in requested else '身份证号'}。"
            )
            counts = record_failure(dispatcher, counts, requested, message, EXPLAIN[requested])
            if handover_due(counts):  # the third miss in a row: not asked a fourth time
                from bot.actions.handoff import hand_off

                label = "申请编号" if "no" in requested else "身份证号"
                dispatcher.utter_message(text=handover_text(label))
                handed = await hand_off(dispatcher, tracker, "validation")
                ended = [e for e in (ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)) if e not in handed]
                kept = [SlotSet(k, v) for k, v in found.items()]
                return [*kept, SlotSet("failure_counts", {}), *handed, *ended, wait_for_citizen()]
        elif not found:
            return await with_next_slot(self, dispatcher, tracker, domain, [])
        events = [SlotSet(k, v) for k, v in found.items()]
        events.append(SlotSet("failure_counts", clear_failure(counts, [*found, LOST_AGAIN])))
        return await with_next_slot(self, dispatcher, tracker, domain, events)


class ActionQueryProgress(Action):
    def name(self) -> str:
        return "action_query_progress"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events = await self.answer(dispatcher, tracker)
        if tracker.active_loop.get("name") and ActiveLoop(None) not in events:
            return events  # asked in the middle of the application: the form asks its question again
        return [*events, wait_for_citizen()]

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        own = known = tracker.get_slot("application_no")
        given = numbers_in(tracker.latest_message.get("text") or "")
        other = given.get("progress_application_no")
        if other and other != own:
            # Another application named in the asking message: look that one up, not this
            # conversation's own.
            if not (given.get("progress_id_number") or tracker.get_slot("progress_id_number")):
                dispatcher.utter_message(
                    text=f"查询{other}需要核对身份：请把申请编号和任一方的18位身份证号一起发给我。"
                )
                return []
            own = None
            tracker.slots.update(given)
        number = own or tracker.get_slot("progress_application_no")
        if not number and tracker.get_slot("idempotency_key"):
            earlier = await self.earlier_submission(dispatcher, tracker)
            if earlier is not None:
                return earlier
        if not number:
            from bot.actions.progress_instead import look_up_instead, only_matters_chosen

            if tracker.active_loop.get("name") == "application_form" and only_matters_chosen(tracker):
                return look_up_instead(dispatcher, tracker)
            dispatcher.utter_message(text="这个对话里还没有提交过申请。填完并确认提交后，就能随时查询进度。")
            return []
        id_number = tracker.get_slot("owner_id_number") if own else tracker.get_slot("progress_id_number")
        clear = cleared(tracker, *PROGRESS_SLOTS)
        try:
            if own and not id_number:
                reply = await backend.by_conversation(tracker.sender_id)
            else:
                reply = await backend.progress(number or "", id_number or "", tracker.sender_id)
        except backend.BackendUnavailable:
            dispatcher.utter_message(response="utter_backend_unavailable")
            return clear
        if reply.status == 200:
            dispatcher.utter_message(text=render_progress(reply.data))
            # A look-up by number is remembered unless the conversation already has its own.
            remember = [] if known else [SlotSet("application_no", number), SlotSet("owner_id_number", id_number)]
            return clear + remember
        dispatcher.utter_message(text=reply.data.get("detail") or "暂时查不到，请稍后再试。")
        return clear

    async def earlier_submission(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
        """The application a confirmation made while its reply was lost: its number and progress,
        and the form that made it ends."""
        from bot.actions.submission import already_submitted, earlier_application  # it renders progress

        try:
            found = await earlier_application(tracker)
        except backend.BackendUnavailable:
            dispatcher.utter_message(response="utter_backend_unavailable")
            return []
        if found is None:
            return None
        events = already_submitted(dispatcher, tracker, found, changed=False)
        return [ActiveLoop(None), *events, SlotSet(REQUESTED_SLOT, None)]


class ActionLeaveProgress(Action):
    """The citizen moved on to something else while the look-up waited for a number."""

    def name(self) -> str:
        return "action_leave_progress"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), *cleared(tracker, *PROGRESS_SLOTS)]
