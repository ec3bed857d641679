"""Kills at the worst moments of a submission and of a form, then the citizen carries on as a
citizen would. Each scenario checks the database and the tracker: no application lost or made
twice, no answer lost, and every application number the bot told is the one stored."""

import uuid

from tests.faults.harness import FaultStack, action_call, in_background, numbers_in, report, submission_from
from tests.faults.records import tracker_answers
from tests.support.citizens import FOUR_MATTERS

CORRECTED_PHONE = "13611112222"


def _fill_in(fs: FaultStack, scenario: str, rasa: str = "rasa"):
    chat = fs.chat(f"fault-{scenario}-{uuid.uuid4().hex[:8]}", rasa)
    for message in FOUR_MATTERS:
        summary = chat.text(message)
    assert "请核对申请信息" in summary, summary
    confirmed = tracker_answers(fs.stack.tracker(chat.sender))
    assert len(confirmed) == 16, confirmed
    return chat, confirmed


def _check(fs: FaultStack, title: str, chat, told: str, expected: dict) -> None:
    stored = fs.db.applications(chat.sender)
    answers_expected, answers_found = report(
        fs, title, applications=(1, stored), answers=(expected, stored[0] if stored else {})
    )
    assert len(stored) == 1, f"{len(stored)} applications for one confirmation"
    assert answers_found == answers_expected, (expected, stored[0].answers)
    assert numbers_in(told) == {stored[0].application_no}, told


def rasa_killed_in_the_confirm_turn(fs: FaultStack, *, continue_on: str = "rasa") -> None:
    """The backend has committed and the action server has answered; Rasa dies before it saves
    the turn or replies. The citizen, with no answer, says "确认提交" again (on the restarted
    process, or on another one)."""
    chat, confirmed = _fill_in(fs, "rasa")
    fault = fs.to_actions.arm(action_call(chat.sender, "validate_application_form", "确认提交"), after_upstream=True)
    turn = in_background(chat.text, "确认提交")
    fault.wait_until_held()
    assert fault.upstream_status == 200 and len(fs.db.applications(chat.sender)) == 1  # committed
    fs.stack.kill("rasa")
    fault.release()
    assert turn.exception(timeout=60) is not None  # the citizen got no reply
    if continue_on == "rasa":
        fs.stack.restart("rasa")
    else:
        fs.wait_for_dead_lock_to_expire(chat.sender)
    chat = fs.chat(chat.name, continue_on)
    told = chat.text("确认提交")
    assert "申请已提交" in told, told
    _check(fs, f"Rasa killed in the confirm turn after the commit; continued on {continue_on}", chat, told, confirmed)


def backend_killed_after_commit(fs: FaultStack) -> None:
    """The backend commits and dies before its reply leaves. The bot cannot know the outcome and
    says so; the citizen corrects the phone number after the restart and confirms again: the bot
    tells the number of the application made before the correction and makes no other."""
    chat, confirmed = _fill_in(fs, "backend-after")
    fault = fs.to_backend.arm(submission_from(chat.sender), after_upstream=True)
    turn = in_background(chat.text, "确认提交")
    fault.wait_until_held()
    assert fault.upstream_status == 201 and len(fs.db.applications(chat.sender)) == 1  # committed
    fs.stack.kill("backend")
    fault.release()
    unknown = turn.result(timeout=60)
    assert "是否成功还不能确定" in unknown and "申请已提交" not in unknown and not numbers_in(unknown), unknown
    fs.stack.restart("backend")
    told = chat.text(f"我的手机号改成{CORRECTED_PHONE}")
    assert "已经提交成功" in told and "没有包含在这份申请里" in told, told
    assert "没有待提交的申请" in chat.text("重新提交")
    _check(fs, "backend killed between its commit and its reply; then a correction", chat, told, confirmed)


def backend_killed_before_commit(fs: FaultStack) -> None:
    """The backend dies as the submission reaches it. After the restart the citizen corrects the
    phone number and says "重新提交": one application, with the corrected number."""
    chat, confirmed = _fill_in(fs, "backend-before")
    fault = fs.to_backend.arm(submission_from(chat.sender), after_upstream=False)
    turn = in_background(chat.text, "确认提交")
    fault.wait_until_held()
    fs.stack.kill("backend")
    fault.release()
    unknown = turn.result(timeout=60)
    assert "是否成功还不能确定" in unknown and not fs.db.applications(chat.sender), unknown
    fs.stack.restart("backend")
    summary = chat.text(f"我的手机号改成{CORRECTED_PHONE}")
    assert "已修改" in summary and "136****2222" in summary, summary
    told = chat.text("重新提交")
    assert "申请已提交" in told, told
    expected = confirmed | {"applicant_phone": CORRECTED_PHONE}
    _check(fs, "backend killed before its commit; then a correction and 重新提交", chat, told, expected)


def actions_killed_mid_form(fs: FaultStack) -> None:
    """The action server dies while Rasa waits on it for the form's fourth answer. Nothing the
    citizen had answered is lost; the citizen repeats the unanswered message after the restart."""
    chat = fs.chat(f"fault-actions-{uuid.uuid4().hex[:8]}")
    for message in FOUR_MATTERS[:3]:
        chat.text(message)
    given = tracker_answers(fs.stack.tracker(chat.sender))
    fourth = FOUR_MATTERS[3]
    fault = fs.to_actions.arm(action_call(chat.sender, "validate_application_form", fourth), after_upstream=False)
    turn = in_background(chat.text, fourth)
    fault.wait_until_held()
    fs.stack.kill("actions")
    fault.release()
    during = turn.result(timeout=60)
    assert "户口" not in during and "核对" not in during, during  # nothing claims the answer was taken
    fs.stack.restart("actions")
    kept = tracker_answers(fs.stack.tracker(chat.sender))
    report(fs, "action server killed mid-form: the answers before it, in the tracker", answers=(given, kept))
    assert kept == given
    for message in FOUR_MATTERS[3:]:
        chat.text(message)
    confirmed = tracker_answers(fs.stack.tracker(chat.sender))
    told = chat.text("确认提交")
    _check(fs, "action server killed mid-form; the citizen repeats and submits", chat, told, confirmed)
