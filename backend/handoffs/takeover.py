"""An agent takes a conversation over from the assistant and gives it back.

Every step that the citizen must notice goes through Rasa (AssistantClient): the pause that stops
the bot answering, the agent's words on the citizen's own channel (recorded in the transcript),
and the resume that lets the assistant carry on with the form's answers kept."""

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.assistant.client import AssistantClient, AssistantUnavailable
from backend.errors import Invalid, NotFound, Unavailable
from backend.handoffs import service, transcript
from backend.handoffs.models import Handoff
from backend.staff.models import StaffAccount

logger = logging.getLogger(__name__)

AGENT_PREFIX = "【人工客服】"
TAKEN_OVER = "人工客服已接入，正在查看您的对话，请稍候。"
TRANSFERRED = "正在为您转接另一位人工客服，请稍候。"
RELEASED = "人工客服暂时离开，您的对话仍在排队，下一位工作人员会接着处理；这期间助手会先回答您。"
HANDED_BACK = "人工客服已把对话交回助手，您已填写的信息都保留着。"
CLOSED = "本次人工服务已结束。还有问题可以继续问助手，需要人工时说“转人工”。"
ASSISTANT_DOWN = "助手服务暂时连不上，操作没有完成，请稍后再试。"


def _notice(assistant: AssistantClient, handoff: Handoff, text: str) -> None:
    assistant.say(handoff.conversation_id, text, metadata={transcript.SYSTEM_KEY: True})


def claim(db: Session, assistant: AssistantClient, handoff_id: int, agent: str) -> Handoff:
    handoff = service.claim(db, handoff_id, agent)
    try:
        assistant.pause(handoff.conversation_id)
    except AssistantUnavailable:
        logger.warning("handoff %s: pause failed, claim undone", handoff_id)
        service.reopen_claim(db, handoff, agent)
        raise Unavailable(ASSISTANT_DOWN) from None
    _say_or_log(assistant, handoff, TAKEN_OVER)
    return handoff


def _say_or_log(assistant: AssistantClient, handoff: Handoff, text: str) -> None:
    """A courtesy notice that fails does not undo the step it announces."""
    try:
        _notice(assistant, handoff, text)
    except AssistantUnavailable:
        logger.warning("handoff %s: a notice to the citizen was not delivered", handoff.id)


def reply(db: Session, assistant: AssistantClient, handoff_id: int, agent: str, text: str) -> None:
    handoff = service.owned(db, handoff_id, agent)
    try:
        assistant.say(handoff.conversation_id, AGENT_PREFIX + text.strip(), metadata={transcript.AGENT_KEY: agent})
    except AssistantUnavailable:
        raise Unavailable("消息没有发出：" + ASSISTANT_DOWN) from None


def _resume(assistant: AssistantClient, handoff: Handoff) -> None:
    try:
        assistant.resume(handoff.conversation_id)
    except AssistantUnavailable:
        raise Unavailable(ASSISTANT_DOWN) from None


def hand_back(db: Session, assistant: AssistantClient, handoff_id: int, agent: str) -> Handoff:
    """The assistant resumes where it stopped: the form's pending question, answers kept."""
    handoff = service.owned(db, handoff_id, agent)
    _resume(assistant, handoff)
    handoff = service.close(db, handoff, agent, "handed_back")
    _say_or_log(assistant, handoff, HANDED_BACK)
    try:
        if transcript.form_in_progress(assistant.tracker(handoff.conversation_id)):
            # The rule "continue an interrupted application" re-opens the form at its next question.
            assistant.trigger_intent(handoff.conversation_id, "continue_form")
    except AssistantUnavailable:
        logger.warning("handoff %s: handed back, but the form's question was not asked again", handoff.id)
    return handoff


def close(
    db: Session, assistant: AssistantClient, handoff_id: int, agent: str, outcome: str, note: str | None
) -> Handoff:
    handoff = service.owned(db, handoff_id, agent)
    if outcome == "handed_back":
        raise Invalid("交回助手请用“交回助手”按钮。")
    _resume(assistant, handoff)
    handoff = service.close(db, handoff, agent, outcome, note)
    _say_or_log(assistant, handoff, CLOSED)
    return handoff


def release(db: Session, assistant: AssistantClient, handoff_id: int, agent: str) -> Handoff:
    handoff = service.owned(db, handoff_id, agent)
    _resume(assistant, handoff)
    handoff = service.release(db, handoff, agent)
    _say_or_log(assistant, handoff, RELEASED)
    return handoff


def transfer(db: Session, assistant: AssistantClient, handoff_id: int, agent: str, to_agent: str) -> Handoff:
    handoff = service.owned(db, handoff_id, agent)
    account = db.scalar(select(StaffAccount).where(StaffAccount.username == to_agent))
    if account is None or not account.active:
        raise Invalid(f"没有可接收的工作人员“{to_agent}”，请核对用户名（账号须为启用状态）。")
    handoff = service.transfer(db, handoff, agent, to_agent)
    _say_or_log(assistant, handoff, TRANSFERRED)
    return handoff


def tracker_of(assistant: AssistantClient, handoff: Handoff) -> dict:
    try:
        return assistant.tracker(handoff.conversation_id)
    except AssistantUnavailable:
        raise Unavailable("暂时读不到对话记录：" + ASSISTANT_DOWN) from None


def full_value(tracker: dict, field: str) -> str:
    if field not in transcript.REVEALABLE:
        raise Invalid(
            "这个字段不能查看完整内容：" + "、".join(transcript.LABELS[f] for f in sorted(transcript.REVEALABLE))
        )
    value = (tracker.get("slots") or {}).get(field)
    if not isinstance(value, str) or not value:
        raise NotFound(f"市民还没有填写{transcript.LABELS[field]}。")
    return value
