"""好差评 in the conversation (issue 20). When the last matter is final the backend's notice asks
for a score with buttons 1–5 (numbered on WeChat); the answer — "5", "五星", "很满意", "一般" — is
stored by the backend (the conversation's own pass: once, only when every matter is final), and
then one optional comment is asked for. The backend's refusals are said as they are."""

import re

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.form_support import with_next_slot
from bot.actions.offers import OWN_REPLY, RATING, answered, intent_of, just_offered

COMMENT_SLOT = "rating_comment"
ELSEWHERE = {"request_human", "ask_progress"}
NOTHING_TO_ADD = {"deny", "thank", "goodbye"}  # not a comment: answered by their own rules
NO_COMMENT = "-"  # the citizen has nothing to add
SCORE_BUTTONS = [{"title": f"{n}分", "payload": f'/rate{{"rating":"{n}"}}'} for n in range(1, 6)]
ASK_AGAIN = "请打1到5分：1分非常不满意，5分非常满意。可以点下面的分数，或直接说“5分”“满意”。"
NO_APPLICATION = "这个对话还没有提交过联办申请，暂时没有可以评价的办理。"
FAILED = "抱歉，评价暂时没有保存成功，请稍后再说一次分数；也可以在进度查询页评价。"
COMMENT_FAILED = "抱歉，您的意见暂时没有保存成功；也可以拨打12345留言。感谢您的反馈！"

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_DIGITS |= {"壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5}  # the formal numerals some elderly citizens write
# Longest first: "很不满意" before "不满意" before "满意", "不是很好" before "很好". No bare 差: 差不多 is
# no complaint. Latin words count as whole words only ("looks great" holds no "ok").
_WORDS = [
    ("非常不满意", 1), ("很不满意", 1), ("特别不满意", 1), ("太差", 1), ("很差", 1), ("差劲", 1), ("差评", 1), ("最低分", 1), ("terrible", 1),
    ("不太满意", 2), ("不咋满意", 2), ("不怎么满意", 2), ("不大满意", 2), ("没那么满意", 2), ("不满意", 2), ("不好", 2), ("较差", 2), ("不咋地", 2), ("不怎么样", 2), ("不太行", 2),
    ("不是很好", 2), ("不太好", 2), ("不怎么好", 2), ("bad", 2), ("poor", 2),
    ("差强人意", 3),
    ("一般", 3), ("还行", 3), ("凑合", 3), ("马马虎虎", 3), ("还可以", 3), ("ok", 3),
    ("非常满意", 5), ("很满意", 5), ("特别满意", 5), ("十分满意", 5), ("太棒", 5), ("好评", 5), ("满分", 5), ("最高分", 5),
    ("非常好", 5), ("很好", 5), ("特别好", 5), ("excellent", 5), ("great", 5), ("perfect", 5),
    ("比较满意", 4), ("满意", 4), ("挺好", 4), ("不错", 4), ("good", 4),
]  # fmt: skip
_PAYLOAD = re.compile(r'"rating"\s*:\s*"?([1-5])"?\s*[,}]')
_SCORED = re.compile(r"(?<![\d.])([1-5一二两三四五壹贰叁肆伍])\s*(?:分|星|颗星|顆星|/\s*5|stars?\b)", re.IGNORECASE)
_HUNDRED = re.compile(r"(?<![\d.])100\s*分")  # "给100分": full marks
_STARS = re.compile(r"[⭐★🌟]")  # a row of star emoji is the score: ⭐⭐⭐ = 3
_THUMBS = {"👍": 5, "👎": 1}
_LONE_DIGIT = re.compile(r"(?<![\d.])([1-5])(?![\d.])")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+")
_NO_WORDS = re.compile(
    r"^(没有|没了|没有了|没啥|没什么|无|不用|不用了|算了|没意见|没有意见|没有建议|不需要|no)[。！!.,，]*$"
)


def score_of(text: str, entity: str | None = None) -> int | None:
    """The score in an answer: the button's entity, "4分"/"五星"/"3/5"/"4 stars", a row of stars,
    a lone digit, a word ("满意", "一般", "good"), or a thumb."""
    if entity and entity in _DIGITS:
        return _DIGITS[entity]
    text = (text or "").strip()
    if text.startswith("/") and (found := _PAYLOAD.search(text)):
        return int(found.group(1))
    if found := _SCORED.search(text):
        return _DIGITS[found.group(1)]
    if _HUNDRED.search(text):
        return 5
    if text in _DIGITS:
        return _DIGITS[text]
    if 1 <= (stars := len(_STARS.findall(text))) <= 5:
        return stars
    if not _HAN.search(text) and len(digits := _LONE_DIGIT.findall(text)) == 1:
        return int(digits[0])  # "good, 5": the digit in an answer in English is the score
    lowered = text.lower()
    latin = set(_LATIN_WORD.findall(lowered))
    for word, score in _WORDS:
        if (word in latin) if word.isascii() else (word in lowered):
            return score
    if len(digits := _LONE_DIGIT.findall(text)) == 1 and len(text) <= 12:
        return int(digits[0])  # "给个3吧": a single digit in a short answer
    thumbs = {_THUMBS[c] for c in text if c in _THUMBS}
    return thumbs.pop() if len(thumbs) == 1 else None


async def _pass(conversation_id: str) -> str | None:
    issued = await backend.application_pass(conversation_id)
    if issued.status == 404:
        return None
    if issued.status != 200:
        raise backend.BackendUnavailable(f"pass {issued.status}", maybe_done=False)
    return issued.data["pass_token"]


class ActionTakeRating(Action):
    def name(self) -> str:
        return "action_take_rating"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        entity = next(tracker.get_latest_entity_values("rating"), None)
        score = score_of(tracker.latest_message.get("text") or "", entity)
        intent = intent_of(tracker)
        if intent != "rate" and (score is None or not just_offered(tracker, RATING)):
            # Not an answer to the rating request just made ("谢谢", or a "好的" much later): its own reply.
            return [*answered(tracker), FollowupAction(OWN_REPLY.get(intent, "action_fallback"))]
        events = await self._take(dispatcher, tracker, score)
        return [*answered(tracker), *events]

    async def _take(self, dispatcher: CollectingDispatcher, tracker: Tracker, score: int | None) -> list[EventType]:
        if score is None:
            dispatcher.utter_message(text=ASK_AGAIN, buttons=SCORE_BUTTONS)
            return [FollowupAction("action_listen")]
        try:
            token = await _pass(tracker.sender_id)
            if token is None:
                dispatcher.utter_message(text=NO_APPLICATION)
                return [FollowupAction("action_listen")]
            reply = await backend.with_pass("POST", "/api/v1/ratings/mine", token, json={"score": score})
        except backend.BackendUnavailable:
            dispatcher.utter_message(text=FAILED)
            return [FollowupAction("action_listen")]
        if reply.status != 201:  # not all final yet, or rated before: the backend says which
            dispatcher.utter_message(text=reply.data.get("detail") or FAILED)
            return [FollowupAction("action_listen")]
        dispatcher.utter_message(text=f"已记下您的评价：{score}分，谢谢！")
        return [SlotSet(COMMENT_SLOT, None), FollowupAction("rating_comment_form")]


class ValidateRatingCommentForm(FormValidationAction):
    """Whatever the citizen says next is the comment, unless it says there is none, or asks for a
    person or for progress instead (then the form steps aside: rules/rating.yml)."""

    def name(self) -> str:
        return "validate_rating_comment_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        return [COMMENT_SLOT]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot(REQUESTED_SLOT) != COMMENT_SLOT:
            return await with_next_slot(self, dispatcher, tracker, domain, [])
        text = (tracker.latest_message.get("text") or "").strip()
        intent = tracker.latest_message.get("intent") or {}
        if not text or text.startswith("/") or (intent.get("name") in ELSEWHERE and intent.get("confidence", 0) > 0.8):
            return []  # no comment: the form is rejected and the rules answer what was asked
        # "没有", "不用了", "谢谢，没了": nothing to add (a short refusal or thanks is no comment).
        none = (intent.get("name") in NOTHING_TO_ADD and len(text) <= 8) or _NO_WORDS.match(text)
        return await with_next_slot(
            self, dispatcher, tracker, domain, [SlotSet(COMMENT_SLOT, NO_COMMENT if none else text[:500])]
        )


class ActionTakeRatingComment(Action):
    def name(self) -> str:
        return "action_take_rating_comment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        comment = tracker.get_slot(COMMENT_SLOT)
        done = [SlotSet(COMMENT_SLOT, None), FollowupAction("action_listen")]
        if not comment or comment == NO_COMMENT:
            dispatcher.utter_message(text="好的，感谢您的评价！还有其他问题随时问我。")
            return done
        try:
            token = await _pass(tracker.sender_id)
            if token is None:
                dispatcher.utter_message(text=NO_APPLICATION)
                return done
            reply = await backend.with_pass("POST", "/api/v1/ratings/mine/comment", token, json={"comment": comment})
        except backend.BackendUnavailable:
            dispatcher.utter_message(text=COMMENT_FAILED)
            return done
        if reply.status == 200:
            dispatcher.utter_message(text="您的意见已记下，我们会转给相关部门改进。感谢您的反馈！")
        else:
            dispatcher.utter_message(text=reply.data.get("detail") or COMMENT_FAILED)
        return done
