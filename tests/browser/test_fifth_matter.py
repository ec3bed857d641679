"""The web pages with a fifth matter added by data (tests/fixtures/fifth_matter): the built pages
name 新生儿落户 where the backend's catalog and guides do, and the hotline form asks for the
sections its catalog fields need. No Rasa: the pages and the console talk to the backend."""

import re
import shutil
import uuid

import pytest

from tests.browser.conftest import ARTIFACTS, SHOTS, shot
from tests.browser.test_console import sign_in
from tests.fixtures.fifth_matter import CODE, SHORT_NAME, build_guides, export_catalog
from tests.support.citizens import HUSBAND, WIFE
from tests.support.stack import Stack
from tests.support.staff import create_staff_cli


@pytest.fixture(scope="module")
def stack():
    workdir = ARTIFACTS / "fifth-matter-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    guides = build_guides(workdir / "guides")
    catalog = export_catalog(guides, workdir / "catalog.json")
    s = Stack(workdir, extra_env={"GUIDES_DIR": str(guides), "BOT_CATALOG_PATH": str(catalog)}).start(rasa=False)
    yield s
    s.stop()


def test_home_and_guides_pages_show_the_fifth_matter(page):
    page.goto("/")
    cards = page.locator(".card")
    cards.nth(4).wait_for()
    assert cards.count() == 5
    fifth = cards.nth(4).inner_text()
    assert fifth.split("\n")[0] == SHORT_NAME and "公安部门" in fifth

    page.goto(f"/guides.html#{CODE}")
    page.locator(".section").first.wait_for()
    assert page.get_by_role("tab", selected=True).inner_text() == SHORT_NAME
    assert "出生医学证明" in page.locator("body").inner_text()
    shot(page, "fifth-matter-guides")


def test_the_hotline_form_takes_it_with_the_hukou_section(page, stack):
    name = f"agent-{uuid.uuid4().hex[:6]}"
    create_staff_cli(stack.env(), name, role="agent")
    sign_in(page, name)
    page.get_by_role("link", name="来电申请").click()
    page.get_by_label(SHORT_NAME, exact=True).check()
    assert page.locator("legend", has_text="户口信息").is_visible()  # its catalog fields include hukou
    assert page.locator('input[name="birth.residence_district"]').count() == 0  # and no birth field
    values = {
        "applicant.name": "张伟",
        "applicant.id_number": HUSBAND,
        "applicant.phone": "13812345678",
        "spouse.name": "李娜",
        "spouse.id_number": WIFE,
        "spouse.phone": "13987654321",
        "marriage.certificate_no": "J310115-2024-000123",
        "marriage.registered_at": "2024-05-20",
    }
    for field, value in values.items():
        page.locator(f'input[name="{field}"]').fill(value)
    page.get_by_label("申请人", exact=True).check()  # Shanghai hukou
    page.get_by_role("button", name="提交申请").click()
    page.locator(".application-no").wait_for()
    assert re.fullmatch(r"HY\d{6}[0-9A-Z]{8}", page.locator(".application-no").inner_text())
    assert f"{SHORT_NAME}：审核中" in page.locator(".created").inner_text()
    shot(page, "fifth-matter-hotline-submitted")
