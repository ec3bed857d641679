"""The citizen's web pages in a real browser: chat a whole application, reload, look up
progress, elder mode, phone width, and chat text that is never run as code."""

import re

from backend.simulator.client import DepartmentClient, register_marriage
from tests.browser.conftest import shot
from tests.support.citizens import FOUR_MATTERS, HUSBAND, WIFE

BOT = ".Message.left .Bubble"
ME = ".Message.right .Bubble"


def wait_until(page, condition, timeout_ms: int = 30_000) -> None:
    """Polls from Python: the pages' CSP (rightly) forbids the eval behind wait_for_function."""
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise AssertionError("condition not met in time")
        page.wait_for_timeout(100)
        waited += 100


def bot_count(page) -> int:
    return page.locator(BOT).count()


def send(page, text: str) -> None:
    before = bot_count(page)
    box = page.locator(".Composer-input")
    box.fill(text)
    box.press("Enter")
    wait_until(page, lambda: bot_count(page) > before)
    page.wait_for_timeout(400)  # let the last bubbles of this turn arrive


def last_bot_text(page, n: int = 3) -> str:
    return "\n".join(page.locator(BOT).all_inner_texts()[-n:])


def test_chat_application_reload_and_progress(page, stack):
    page.goto("/chat.html")
    page.locator(BOT).first.wait_for()
    assert "婚育一件事" in page.locator(BOT).first.inner_text()
    page.get_by_text("开始申请", exact=True).click()
    wait_until(page, lambda: bot_count(page) >= 3)
    before = bot_count(page)
    page.get_by_text("四项一起办", exact=True).click()
    wait_until(page, lambda: bot_count(page) > before)
    for message in FOUR_MATTERS[1:]:  # the matters came from the quick reply
        send(page, message)
    assert "请核对申请信息" in last_bot_text(page)
    shot(page, "chat-summary")
    page.get_by_text("确认提交", exact=True).click()
    wait_until(page, lambda: "申请已提交" in last_bot_text(page, 5))
    number = re.search(r"HY\d{6}[0-9A-Z]{8}", page.locator(BOT).last.inner_text() + last_bot_text(page, 5)).group(0)
    shot(page, "chat-submitted")
    # What the citizen typed is masked on screen and on the device; only the assistant saw it.
    assert HUSBAND not in page.content() and "13812345678" not in page.content()
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert HUSBAND not in stored and WIFE not in stored and "310***********" in stored

    shown = page.locator(".Message").count()
    page.reload()
    page.locator(BOT).first.wait_for()
    assert page.locator(".Message").count() == shown  # the conversation is still there
    send(page, "办到哪了")
    assert number in last_bot_text(page) and "待现场登记" in last_bot_text(page)
    shot(page, "chat-after-reload")

    assert register_marriage(number, stack.backend_url).status_code == 200
    # The open widget hears it without the citizen typing anything: the dispatcher's notice.
    wait_until(page, lambda: "结婚登记已办结" in last_bot_text(page, 2))
    notice = last_bot_text(page, 2)
    assert number in notice and "生育登记" in notice and "自动启动" in notice
    shot(page, "chat-notice")
    page.goto("/progress.html")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("身份证号（任一方）").fill(WIFE)
    page.get_by_role("button", name="查询").click()
    page.locator(".result").wait_for()
    table = page.locator(".matters").inner_text()
    assert "已办结" in table and table.count("审核中") == 3
    assert "联办系统" in page.locator(".timeline").inner_text()
    assert WIFE not in page.url and WIFE not in page.locator(".result").inner_text()
    shot(page, "progress-page")
    # While the page is open, a department's change shows up on it without another query.
    page.locator(".live-status[data-live=on]").wait_for()
    police = DepartmentClient("public_security", stack.backend_url)
    assert police.push(number, "hukou_migration", "needs_supplement", note="请补交户主同意书").status_code == 200
    wait_until(page, lambda: "需补充材料" in page.locator(".matters").inner_text())
    assert "请补交户主同意书" in page.locator(".matters").inner_text()
    shot(page, "progress-live")


def test_numbered_choices_are_shown_and_can_be_typed(page):
    """Issue #16 item 5 on the web: the buttons are listed with numbers, and a typed "3" or "第三个"
    picks the third, as on WeChat."""
    page.goto("/chat.html")
    page.locator(BOT).first.wait_for()
    greeting = page.locator(BOT).first.inner_text()
    assert "回复数字选择" in greeting and "3. 开始申请" in greeting
    send(page, "3")
    asked = last_bot_text(page)
    assert "请选择要一起办理的事项" in asked and "3. 结婚登记+生育登记" in asked
    send(page, "第三个")
    assert page.locator(ME).last.inner_text() == "第三个"  # shown as typed; the choice was sent
    assert "已为您选择：结婚登记、生育登记" in last_bot_text(page)
    shot(page, "chat-numbered-choice")
    send(page, "2")  # no buttons on screen now: a number is just what was typed, here no name
    assert "姓名" in last_bot_text(page, 2) and "已为您选择" not in last_bot_text(page, 2)


def test_script_typed_into_the_chat_is_shown_as_text(page):
    page.goto("/chat.html")
    page.locator(BOT).first.wait_for()
    payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    send(page, payload)
    assert page.locator(ME).last.inner_text() == payload
    assert page.evaluate("window.__xss") is None
    assert page.locator(".Message img[src='x']").count() == 0
    shot(page, "chat-script-as-text")


def test_elder_mode_makes_text_larger_and_is_remembered(page):
    page.goto("/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="长辈模式").click()
    elder = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert elder >= normal * 1.25
    page.goto("/guides.html")
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    page.get_by_role("button", name="标准模式").wait_for()
    shot(page, "guides-elder")


def test_phone_width_without_sideways_scrolling(browser, stack):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", base_url=stack.backend_url)
    page = context.new_page()
    for path in ("/", "/guides.html", "/progress.html", "/chat.html"):
        page.goto(path)
        page.wait_for_load_state("load")
        page.locator("#root > *").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        shot(page, "phone-" + (path.strip("/").removesuffix(".html") or "home"))
    context.close()


def test_guides_page_search_and_checklist(page):
    page.goto("/guides.html#birth_registration")
    page.locator(".section").first.wait_for()
    first = page.locator(".section").first.inner_text()
    assert "办理条件" in first and "依据：生育登记办事指南" in first
    page.get_by_label("搜索办事指南").fill("领证要带户口本吗")
    page.get_by_role("button", name="搜索").click()
    page.locator(".hit").first.wait_for()
    assert "户口簿" in page.locator(".hit").first.inner_text()
    checklist = page.locator(".checklist")
    checklist.wait_for()
    assert checklist.inner_text().count("居民身份证") == 1


def test_pages_send_a_content_security_policy(page, stack):
    response = page.goto("/progress.html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert stack.rasa_url.replace("http://", "ws://") in page.goto("/chat.html").headers["content-security-policy"]


def test_embed_script_adds_the_widget_to_another_page(page, stack):
    # Another origin (localhost, not 127.0.0.1) on loopback: Chromium's private network rules
    # keep a public page from loading a loopback script, as they would in real life too.
    portal = f"http://localhost:{stack.backend_port}/portal-under-test.html"
    html = f'<html><body><h1>区政府门户</h1><script src="{stack.backend_url}/embed.js"></script></body></html>'
    page.route(portal, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(portal)
    page.get_by_role("button", name="婚育一件事 · 在线咨询").click()
    frame = page.frame_locator("iframe[title='婚育一件事在线咨询']")
    frame.locator(BOT).first.wait_for()
    shot(page, "embedded-widget")


def test_reconnection_is_visible(page, stack):
    page.goto("/chat.html")
    page.locator(BOT).first.wait_for()
    rasa = stack.service("rasa")
    rasa.stop()
    try:
        page.get_by_role("status").filter(has_text="正在重新连接").wait_for()
        shot(page, "chat-reconnecting")
    finally:
        rasa.start()
        rasa.wait(timeout=240)
    page.get_by_role("status").wait_for(state="detached", timeout=60_000)
    send(page, "你好")
    assert "婚育一件事" in last_bot_text(page)


def test_another_browser_cannot_join_with_a_copied_or_forged_session(browser, stack, page):
    page.goto("/chat.html")
    page.locator(BOT).first.wait_for()
    send(page, "结婚登记要带什么")
    victim = page.evaluate("localStorage.getItem('hy.chat.sender')")
    token = page.evaluate("localStorage.getItem('hy.chat.token')")
    assert victim.startswith("web:") and token.startswith("v1.")

    # Another browser holding the victim's conversation id and a token with a forged signature.
    other = browser.new_context(locale="zh-CN", base_url=stack.backend_url)
    intruder = other.new_page()
    try:
        intruder.goto("/chat.html")
        intruder.locator(BOT).first.wait_for()
        forged = token[:-1] + ("0" if token[-1] != "0" else "1")
        intruder.evaluate(
            "([s, t]) => { localStorage.setItem('hy.chat.sender', s); localStorage.setItem('hy.chat.token', t); }",
            [victim, forged],
        )
        intruder.reload()
        # The backend refuses to renew the forged token: the widget starts a conversation of its own.
        sender = "localStorage.getItem('hy.chat.sender')"
        wait_until(intruder, lambda: intruder.evaluate(sender) not in (None, victim))
        intruder.locator(BOT).first.wait_for()
        intruder.wait_for_timeout(1000)  # the new conversation's greeting
        send(intruder, "谢谢")
        shot(intruder, "chat-forged-session")
    finally:
        other.close()
    said = [e.get("text") for e in stack.tracker(victim)["events"] if e["event"] == "user"]
    assert "结婚登记要带什么" in said and "谢谢" not in said


def test_matters_and_aspects_come_from_the_backends_catalog(page, stack):
    catalog = []
    page.on("response", lambda r: catalog.append(r) if r.url.endswith("/api/v1/catalog") else None)
    page.goto("/")
    cards = page.locator(".card")
    cards.nth(3).wait_for()
    served = catalog[0].json()
    assert cards.count() == len(served["matters"])
    assert [c.split("\n")[0] for c in cards.all_inner_texts()] == [m["short_name"] for m in served["matters"]]
    assert "卫健部门" in cards.nth(3).inner_text()
    page.goto("/guides.html#hukou_migration")
    page.locator(".section").nth(len(served["aspects"]) - 1).wait_for()
    titles = page.locator(".section h3").all_inner_texts()[: len(served["aspects"])]
    assert titles == [a["name"] for a in served["aspects"]]
    assert page.get_by_role("tab", selected=True).inner_text() == "因婚姻市内户口迁移"
