"""Lesson 07 in real JupyterLab and real Chromium: triage, type a reply, see the checks change."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, Lab, run_all_and_wait_for, wait_kernel_idle

pytestmark = pytest.mark.browser

NOTEBOOK = "07-replies-and-moderation.ipynb"
DESK = ".postlab-reply-desk"
ASKS_DATA = f'{DESK} .postlab-reply-findings li[data-code="asks_personal_data"]'
BAD = "Please send your Aadhaar number here."
GOOD = (
    "Thanks for asking. Yes, both scholarships now close on 15 March. "
    "Apply at https://example.com/navapur/scholarship"
)


def _only_this_notebook(page: object) -> None:
    """Close other tabs (``make lab`` opens lesson 00; the saved workspace may hold more)."""
    tabs = page.locator("#jp-main-dock-panel .lm-TabBar-tab")
    page.locator(f"#jp-main-dock-panel .lm-TabBar-tab[title*='{NOTEBOOK}']").first.wait_for(
        timeout=120_000
    )
    for _ in range(tabs.count()):
        others = page.locator(
            f"#jp-main-dock-panel .lm-TabBar-tab:not([title*='{NOTEBOOK}']) .lm-TabBar-tabCloseIcon"
        )
        if others.count() == 0:
            break
        others.first.click()
    page.locator(f"#jp-main-dock-panel .lm-TabBar-tab[title*='{NOTEBOOK}']").first.click()


def _close_all_tabs(page: object) -> None:
    """Leave JupyterLab's saved workspace (shared by every browser test) with no tab open."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    icons = page.locator("#jp-main-dock-panel .lm-TabBar-tab .lm-TabBar-tabCloseIcon")
    for _ in range(icons.count()):
        icons.first.click()
        discard = page.locator(".jp-Dialog button", has_text="Discard").first
        try:  # a notebook whose outputs changed asks whether to save; the copy is scratch
            discard.wait_for(timeout=3_000)
            discard.click()
        except PlaywrightTimeoutError:
            pass
    page.wait_for_timeout(1_500)  # the workspace is saved shortly after the layout changes


def test_reply_desk_checks_follow_what_is_typed(lab: Lab, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(lab.notebook_url(f"notebooks/{NOTEBOOK}"))
        _only_this_notebook(page)
        wait_kernel_idle(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        box = run_all_and_wait_for(page, f"{DESK} .postlab-reply-box textarea")
        findings = page.locator(f"{DESK} .postlab-reply-findings").first
        assert "Write a reply to see the checks" in findings.inner_text()

        page.locator(f"{DESK} select").first.select_option(label="Answer in public")
        box.click()
        box.press_sequentially(BAD, delay=10)
        page.wait_for_selector(ASKS_DATA, timeout=30_000)
        bad_text = findings.inner_text()
        assert "asks for personal data in public" in bad_text
        page.screenshot(path=str(ARTIFACTS / "lesson07-reply-desk-bad.png"))

        box.fill(GOOD)
        page.wait_for_function(
            "el => el.innerText.includes('All reply checks pass.')",
            arg=findings.element_handle(),
            timeout=30_000,
        )
        assert page.locator(ASKS_DATA).count() == 0
        assert findings.inner_text() != bad_text

        page.locator(f"{DESK} button", has_text="Submit").first.click()
        feedback = page.locator(f"{DESK} .postlab-reply-feedback").first
        feedback.wait_for(state="visible", timeout=30_000)
        assert "Score 100 / 100" in feedback.inner_text()
        page.screenshot(path=str(ARTIFACTS / "lesson07-reply-desk.png"))
    finally:
        try:
            _close_all_tabs(page)
        finally:
            page.close()
