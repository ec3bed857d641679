"""The staff console in Chromium: an agent signs in, fills a caller's application, sees the
backend's message next to the ID number it refused, corrects it and gets the application number;
then looks the application up and reveals one full value with a reason."""

import re
import shutil
import uuid

import pytest
import sqlalchemy as sa

from tests.browser.conftest import ARTIFACTS, SHOTS, shot
from tests.support.citizens import HUSBAND, WIFE
from tests.support.stack import Stack
from tests.support.staff import PASSWORD, create_staff_cli

BAD_CHECKSUM = HUSBAND[:-1] + ("0" if HUSBAND[-1] != "0" else "1")


@pytest.fixture(scope="module")
def stack():
    """The console talks to the backend only: no Rasa to wait for (the handoff tests start theirs)."""
    workdir = ARTIFACTS / "console-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    s = Stack(workdir).start(rasa=False)
    yield s
    s.stop()


def sign_in(page, username: str) -> None:
    page.goto("/console/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不正确" in page.get_by_role("alert").inner_text()
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.locator(".console-nav").wait_for()


def fill_caller(page, id_number: str) -> None:
    for matter in ("结婚登记", "户口婚姻状况变更", "生育登记"):
        page.get_by_label(matter, exact=True).check()
    values = {
        "applicant.name": "张伟",
        "applicant.id_number": id_number,
        "applicant.phone": "13812345678",
        "spouse.name": "李娜",
        "spouse.id_number": WIFE,
        "spouse.phone": "13987654321",
        "marriage.registry_office": "浦东新区婚姻登记处",
        "birth.residence_district": "浦东新区",
    }
    for name, value in values.items():
        page.locator(f'input[name="{name}"]').fill(value)
    page.get_by_label("申请人", exact=True).check()  # Shanghai hukou
    page.get_by_label("对方", exact=True).check()


def test_agent_fills_a_callers_application_with_a_field_error(page, stack):
    from tests.backend.helpers import next_workday

    name = f"agent-{uuid.uuid4().hex[:6]}"
    create_staff_cli(stack.env(), name, role="agent")
    sign_in(page, name)
    assert page.get_by_role("link", name="审计记录").count() == 0  # supervisors only
    assert page.get_by_role("link", name="转人工队列").count() == 1
    page.get_by_role("link", name="来电申请").click()
    fill_caller(page, BAD_CHECKSUM)
    page.locator('input[name="marriage.appointment_date"]').fill(next_workday().isoformat())
    page.get_by_role("button", name="提交申请").click()

    error = page.locator('.field-error[data-field="applicant.id_number"]')
    error.wait_for()
    assert "校验" in error.inner_text()
    assert page.locator('.field-error[data-field="spouse.id_number"]').count() == 0  # only the bad field
    shot(page, "console-hotline-field-error")

    page.locator('input[name="applicant.id_number"]').fill(HUSBAND)
    page.get_by_role("button", name="改正后重新提交").click()
    page.locator(".application-no").wait_for()
    number = page.locator(".application-no").inner_text()
    assert re.fullmatch(r"HY\d{6}[0-9A-Z]{8}", number)
    shot(page, "console-hotline-submitted")

    engine = sa.create_engine(stack.env()["DATABASE_URL"])
    with engine.connect() as db:
        rows = db.execute(
            sa.text(
                "SELECT a.channel, s.username FROM applications a JOIN staff_accounts s "
                "ON s.id = a.submitted_by_staff_id WHERE s.username = :u"
            ),
            {"u": name},
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("hotline", name)]  # one application, though sent twice

    # Progress for the caller, masked; one full value with a reason.
    page.get_by_role("link", name="进度查询").click()
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("来电人身份证号").fill(WIFE)
    page.get_by_role("button", name="查询").click()
    page.locator(".result").wait_for()
    result = page.locator(".result").inner_text()
    assert HUSBAND not in result and "待现场登记" in result
    page.get_by_role("button", name="显示完整信息：申请人身份证号").click()
    page.get_by_role("button", name="确认查看").click()
    assert "原因" in page.locator(".reveal-form .field-error").inner_text()  # no reason, no value
    page.get_by_label("查看原因").fill("来电人核对身份")
    page.get_by_role("button", name="确认查看").click()
    page.locator('.reveal[data-field="applicant.id_number"] .value', has_text=HUSBAND).wait_for()
    assert HUSBAND not in page.url and WIFE not in page.url
    shot(page, "console-lookup-revealed")


def test_supervisor_creates_an_agent_and_reads_the_audit_log(page, stack):
    boss = f"sup-{uuid.uuid4().hex[:6]}"
    create_staff_cli(stack.env(), boss, role="supervisor")
    sign_in(page, boss)
    page.get_by_role("link", name="账号管理").click()
    new = f"ui-agent-{uuid.uuid4().hex[:6]}"
    page.get_by_label("用户名").fill(new)
    page.get_by_label("姓名/工号").fill("王晓 1007")
    page.get_by_label("初始密码").fill("short")
    page.get_by_role("button", name="创建").click()
    error = page.locator('.field-error[data-field="password"]')
    error.wait_for()
    assert "至少10个字符" in error.inner_text()
    page.get_by_label("初始密码").fill(PASSWORD)
    page.get_by_role("button", name="创建").click()
    page.locator(f'tr[data-username="{new}"]').wait_for()
    shot(page, "console-accounts")

    page.get_by_role("link", name="审计记录").click()
    page.locator("table.audit").wait_for()
    page.get_by_role("button", name="筛选").click()
    assert page.get_by_role("alert").count() == 0
    shot(page, "console-audit")


def test_supervisor_retries_a_dead_notice_and_reads_the_ratings(page, stack):
    """A notice that could not be delivered is listed for supervisors, who put it back in the queue;
    the ratings summary is beside it."""
    import time

    import httpx

    from backend.simulator.client import register_marriage
    from tests.backend.helpers import SERVICE, application_body

    body = application_body(conversation_id=f"rest:ops-{uuid.uuid4().hex[:8]}")
    created = httpx.post(
        f"{stack.backend_url}/api/v1/applications",
        json=body,
        headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
    )
    assert created.status_code == 201, created.text
    number = created.json()["application_no"]
    assert register_marriage(number, stack.backend_url).status_code == 200
    engine = sa.create_engine(stack.env()["DATABASE_URL"])
    query = sa.text(
        "SELECT n.id, n.status FROM notices n JOIN applications a ON a.id = n.application_id "
        "WHERE a.application_no = :no AND n.channel = 'sms'"
    )
    deadline = time.monotonic() + 60
    with engine.connect() as db:
        while (row := db.execute(query, {"no": number}).first()) is None or row.status != "sent":
            assert time.monotonic() < deadline, "the SMS notice was never delivered"
            time.sleep(0.2)
    with engine.begin() as db:  # as if the gateway had failed every try
        db.execute(
            sa.text("UPDATE notices SET status = 'dead', last_error = '短信网关超时' WHERE id = :id"), {"id": row.id}
        )
    engine.dispose()

    boss = f"ops-{uuid.uuid4().hex[:6]}"
    create_staff_cli(stack.env(), boss, role="supervisor")
    sign_in(page, boss)
    page.get_by_role("link", name="通知与评价").click()
    dead = page.locator("table.dead-letters tr", has_text="短信网关超时")
    dead.wait_for()
    assert number in dead.inner_text()
    dead.get_by_role("button", name="重新投递").click()
    page.get_by_role("status").filter(has_text=f"通知 {row.id} 已重新排队投递").wait_for()
    assert page.locator("table.dead-letters tr", has_text="短信网关超时").count() == 0
    page.get_by_text("按事项").wait_for()
    assert "共" in page.locator("section", has_text="好差评汇总").inner_text()
    shot(page, "console-operations")
