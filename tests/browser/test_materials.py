"""Uploads in a real browser: the widget's paperclip after an application made in chat, then the
progress page answering a police supplement request, the timeline, and the rating."""

import re

from backend.simulator.client import DepartmentClient, register_marriage
from tests.browser.conftest import shot
from tests.browser.test_web import BOT, last_bot_text, send, wait_until
from tests.support import files
from tests.support.citizens import FOUR_MATTERS, WIFE


def test_upload_in_widget_then_supplement_on_progress_page_and_rating(page, stack, tmp_path):
    photo = tmp_path / "hukou.jpg"
    photo.write_bytes(files.photo_with_exif())
    consent = tmp_path / "consent.pdf"
    consent.write_bytes(files.clean_pdf())

    page.goto("/chat.html")
    page.locator(BOT).first.wait_for()
    # Before any application the paperclip says why nothing can be uploaded yet.
    page.get_by_role("button", name="上传材料").click()
    page.locator(".attach-panel .error").wait_for()
    assert "还没有提交过联办申请" in page.locator(".attach-panel").inner_text()
    page.get_by_role("button", name="上传材料").click()

    for message in FOUR_MATTERS:
        send(page, message)
    page.get_by_text("确认提交", exact=True).click()
    wait_until(page, lambda: "申请已提交" in last_bot_text(page, 5))
    number = re.search(r"HY\d{6}[0-9A-Z]{8}", last_bot_text(page, 5)).group(0)

    page.get_by_role("button", name="上传材料").click()
    item = page.locator(".attach-panel .material[data-code='household_register_pages']")
    item.wait_for()
    file_input = item.locator("input[type=file]")
    assert file_input.get_attribute("capture") == "environment"
    assert "image/jpeg" in file_input.get_attribute("accept")
    file_input.set_input_files(str(photo))
    received = "已收到您上传的《户口簿户主页和本人页》"
    wait_until(page, lambda: received in last_bot_text(page, 2))
    # Said once, as the assistant's message: the panel keeps no copy, and the conversation's
    # record of it (backend notice) is not sent to the widget again.
    assert page.locator(".attach-panel .notice").count() == 0
    page.wait_for_timeout(1500)
    assert page.locator(BOT).filter(has_text=received).count() == 1
    assert (
        page.locator(".attach-panel .material[data-code='household_register_pages']").get_attribute("data-received")
        == "yes"
    )
    shot(page, "widget-upload")

    assert register_marriage(number, stack.backend_url).status_code == 200
    police = DepartmentClient("public_security", stack.backend_url)
    [case] = [c for c in police.cases().json() if c["application_no"] == number and c["matter"] == "hukou_migration"]
    assert [m["code"] for m in case["materials"]] == ["household_register_pages"]
    assert (
        police.push(
            number,
            "hukou_migration",
            "needs_supplement",
            note="请上传户主签字的同意书",
            result={"required_materials": ["household_head_consent"]},
        ).status_code
        == 200
    )

    page.goto("/progress.html")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("身份证号（任一方）").fill(WIFE)
    page.get_by_role("button", name="查询").click()
    requested = page.locator(".materials .material[data-code='household_head_consent']")
    requested.wait_for()
    assert "要求补充" in requested.inner_text() and "请上传户主签字的同意书" in requested.inner_text()
    requested.locator("input[type=file]").set_input_files(str(consent))
    page.locator(".materials .notice").wait_for()
    assert "公安部门会审核" in page.locator(".materials .notice").inner_text()
    wait_until(page, lambda: "已上传补充材料：户主同意书" in page.locator(".timeline").inner_text())
    assert "户主同意书" in page.locator(".received").inner_text()
    shot(page, "progress-supplement")

    assert police.push(number, "hukou_migration", "in_review", note="补充材料已收到").status_code == 200
    for matter in ("hukou_migration", "hukou_marital_status"):
        assert police.push(number, matter, "completed", note="已办结").status_code == 200
    assert (
        DepartmentClient("health", stack.backend_url).push(number, "birth_registration", "completed").status_code == 200
    )

    page.get_by_role("button", name="查询").click()
    page.locator("form.rating").wait_for()
    page.get_by_label(re.compile("5分")).check()
    page.get_by_label("意见建议（可选）").fill("不用跑腿，很方便")
    page.get_by_role("button", name="提交评价").click()
    page.locator(".rating-done").wait_for()
    assert "5分" in page.locator(".rating-done").inner_text()
    shot(page, "progress-rated")
