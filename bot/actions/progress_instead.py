"""A question about an application made before, read as a new one ("我上周申请的结婚登记办到哪一步了"
names a matter and 申请, so the classifier may say apply): the progress look-up runs instead of the
application form, the same look-up a progress question gets (bot/actions/progress.py)."""

import re

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT

from bot.actions import backend
from bot.actions.form_support import cleared, current_values
from bot.actions.progress import PROGRESS_SLOTS, ActionQueryProgress, lost_number, numbers_in, recover_number
from bot.actions.turns import wait_for_citizen

# How people ask where an application they made stands. Never a wish to apply: "办好结婚登记要多久"
# (a guide question) has no 了, "我想申请" no question of state.
PROGRESS_QUESTION = re.compile(
    r"进度|进展|跟进|动静|办到哪|走到哪|到哪(一步|个阶段|个环节|儿了|了)|哪一步了|"
    r"(办|办理|处理|审核|审批)(得|的)(怎么样|如何|咋样|哪能|到哪)|"
    r"(办|批|审|处理|受理|通过)(好|完|成|下来)?了(没|吗|么|嘛)|通过没|"
    r"审(核|批)(到|通过了?(没|吗)|结果|怎么样)|有(结果|消息|进展)了(没|吗)|有没有(结果|消息|进展|通知)|"
    r"还没(有)?(消息|结果|通知|动静)|查(询|一下|下|查|看)?(一下)?(我|我们)?的?.{0,8}申请|什么状态|什么情况了|状态(是)?什么|"
    r"(上周|上个月|前几天|前些天|之前|以前|昨天|前天|早就|已经)(申请|提交|办|交|报)(了|过)?的.*([？?]|吗|呢|没有?$)|"
    # An application made before, told as news ("我上周申请了结婚登记"): about that one, not a new one.
    r"(上周|上礼拜|上个月|前几天|前些天|昨天|前天|上次|刚才|刚刚)(申请|提交|办|交|报)(了|过)|(已经|之前)(申请|提交)(了|过)"
)


def asks_progress(text: str) -> bool:
    """A progress question or a lost application number, whatever matter it names."""
    return bool(PROGRESS_QUESTION.search(text)) or lost_number(text, asked=False)


async def _own_application(tracker: Tracker) -> str | None:
    try:
        reply = await backend.by_conversation(tracker.sender_id)
    except backend.BackendUnavailable:
        return None
    return reply.data["application_no"] if reply is not None and reply.status == 200 else None


def only_matters_chosen(tracker: Tracker) -> bool:
    """The application form holds nothing yet but what the opening chose (its matters)."""
    return current_values(tracker).keys() <= {"matters", "already_married"}


def look_up_instead(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Progress asked for right after an opening that started the application form, in a
    conversation without an application: the citizen came for an application made elsewhere. The
    form stops (nothing was filled) and the look-up asks for the number."""
    found = numbers_in(tracker.latest_message.get("text") or "")
    missing = next(slot for slot in PROGRESS_SLOTS if slot not in found)
    dispatcher.utter_message(text="好的，先帮您查询已经提交的申请（申请填写先不继续）。")
    dispatcher.utter_message(response=f"utter_ask_{missing}")
    return [
        *cleared(tracker, "matters", "already_married"),
        *(SlotSet(k, v) for k, v in found.items()),
        ActiveLoop("progress_form"),
        SlotSet(REQUESTED_SLOT, missing),
        wait_for_citizen(),
    ]


async def progress_instead(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Events for the application form that is starting: it ends, and the progress is shown (the
    conversation's own application, or the number and ID given in the message), or, with the
    lost number's ways on when it is lost, the progress form asks for what it still needs."""
    text = tracker.latest_message.get("text") or ""
    found = numbers_in(text)
    leave: list[EventType] = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
    own = tracker.get_slot("application_no")
    if not own and "progress_application_no" not in found and (own := await _own_application(tracker)):
        leave.append(SlotSet("application_no", own))
        tracker.slots["application_no"] = own
    if own or len(found) == len(PROGRESS_SLOTS):
        tracker.slots.update(found)
        return [*leave, *await ActionQueryProgress().answer(dispatcher, tracker), wait_for_citizen()]
    events: list[EventType] = []
    if lost_number(text, asked=False):
        events += await recover_number(dispatcher, tracker)
    missing = next(slot for slot in PROGRESS_SLOTS if slot not in found)
    # The application form asks the progress form's question (utter_ask_<slot>) and the next
    # message goes to the progress form.
    return [
        *events,
        *(SlotSet(k, v) for k, v in found.items()),
        ActiveLoop("progress_form"),
        SlotSet(REQUESTED_SLOT, missing),
        wait_for_citizen(),
    ]
