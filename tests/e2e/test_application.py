"""A whole four-matter application over the REST channel of the running stack, then progress
before and after the department simulator registers the marriage."""

import re

import httpx

from backend.simulator.client import DepartmentClient, register_marriage
from tests.support.citizens import FOUR_MATTERS, HUSBAND, WIFE


def submit_four_matters(chat) -> tuple[str, str]:
    for message in FOUR_MATTERS:
        reply = chat.text(message)
    assert "请核对申请信息" in reply
    done = chat.text("确认提交")
    number = re.search(r"HY\d{6}[0-9A-Z]{8}", done)
    assert number, done
    return number.group(0), done


def test_greeting_offers_the_paths(chat):
    reply = chat.say("你好")
    assert "婚育一件事" in reply[0]["text"]
    titles = [b["title"] for b in reply[0]["buttons"]]
    assert titles == ["了解婚育一件事", "办事指南", "开始申请", "查询进度", "转人工"]


def test_four_matters_in_few_messages_then_progress(chat, stack):
    number, done = submit_four_matters(chat)
    assert chat.turns <= 12
    # The summary and the confirmation never show personal data in clear.
    assert HUSBAND not in done and "13812345678" not in done
    assert (
        "一次告知" in done
        and "居民身份证" in done
        and "户口婚姻状况变更、因婚姻市内户口迁移、生育登记会自动启动" in done
    )

    before = chat.text("办到哪了")
    assert "待现场登记" in before and "待婚姻登记办结" in before

    assert register_marriage(number, stack.backend_url).status_code == 200
    after = chat.text("我的申请办到哪一步了")
    assert "结婚登记（民政）：已办结" in after
    assert after.count("审核中") == 3

    police = DepartmentClient("public_security", stack.backend_url)
    for matter in ("hukou_marital_status", "hukou_migration"):
        assert police.push(number, matter, "completed").status_code == 200
    health = DepartmentClient("health", stack.backend_url)
    assert health.push(number, "birth_registration", "needs_supplement", note="请补充居住证明").status_code == 200
    latest = chat.text("查进度")
    assert "需补充材料（请补充居住证明）" in latest and "户口婚姻状况变更（公安）：已办结" in latest


def test_progress_from_another_conversation_needs_number_and_id(chat, stack):
    from tests.support.stack import Chat

    number, _ = submit_four_matters(chat)
    other = Chat(stack, chat.name + "-other")
    assert "申请编号" in other.text("查询办理进度")
    assert "身份证号" in other.text(number.lower())
    wrong = other.text("310104199001011237")
    assert "没有找到" in wrong
    other.text("查询办理进度")
    other.text(number)
    assert "待现场登记" in other.text(WIFE)


def test_a_bare_application_number_as_the_first_message_looks_up_its_progress(chat, stack):
    """A number alone (or with only its label) is classified as a value given (inform), as citizens
    label it; the rules still take it to the look-up, which asks for the ID that proves the right."""
    from tests.support.stack import Chat

    number, _ = submit_four_matters(chat)
    other = Chat(stack, chat.name + "-bare")
    assert "身份证号" in other.text(f"申请号 {number}")
    assert "待现场登记" in other.text(WIFE)


def test_withdraw_after_confirmation(chat, stack):
    number, _ = submit_four_matters(chat)
    assert "确定撤回" in chat.text("撤回申请")
    assert "申请保持不变" in chat.text("不撤回")
    chat.text("我要撤回")
    reply = chat.text("是的，撤回")
    assert "已撤回" in reply
    r = httpx.post(f"{stack.backend_url}/api/v1/progress/query", json={"application_no": number, "id_number": HUSBAND})
    assert r.json()["overall_status"] == "withdrawn"
