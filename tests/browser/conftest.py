"""Browser tests: Debian's Chromium driven by Playwright (executable_path; no browser download),
against the real stack with the built web front end. Screenshots go to tests/artifacts/browser."""

import shutil
import uuid

import pytest
from playwright.sync_api import sync_playwright

from tests.support.stack import ROOT, Stack

ARTIFACTS = ROOT / "tests" / "artifacts"
SHOTS = ARTIFACTS / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As this machine's notes say: no background networking, or Chromium's calls out are refused.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # The embed test hosts a "portal" on another loopback origin; Chromium's local network access
    # prompt has nobody to answer it here.
    "--disable-features=LocalNetworkAccessChecks",
]


@pytest.fixture(scope="session")
def stack():
    if not (ROOT / "web" / "dist" / "index.html").exists():
        pytest.fail("web/dist is missing: run `make setup`")
    workdir = ARTIFACTS / "browser-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    s = Stack(workdir).start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", base_url=stack.backend_url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def unique() -> str:
    return uuid.uuid4().hex[:8]
