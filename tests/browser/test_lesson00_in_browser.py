"""Lesson 00 in real JupyterLab and real Chromium: run all cells, type, see the count change."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, Lab, run_all_and_wait_for, wait_kernel_idle

pytestmark = pytest.mark.browser


def test_live_counter_reacts_to_typing(lab: Lab, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(lab.address)  # the very address `make lab` prints
        wait_kernel_idle(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        box = run_all_and_wait_for(page, ".postlab-live-counter textarea")
        counter = page.locator(".postlab-live-counter .postlab-counter").first
        before = counter.inner_text()
        n_before = int(re.search(r"\d+", before).group())
        typed = " Join us at 10:00 in Hall B!"
        box.click()
        box.press("Control+End")
        box.press_sequentially(typed, delay=15)
        expected = f"{n_before + len(typed)} of 280 on X"
        # The kernel recounts on every keystroke; wait for the count of the whole addition.
        page.wait_for_function(
            "([el, want]) => el.innerText.startsWith(want)",
            arg=[counter.element_handle(), expected],
            timeout=90_000,
        )
        after = counter.inner_text()
        assert after != before
        assert after.startswith(expected) and "fits" in after
        page.screenshot(path=str(ARTIFACTS / "lesson00-live-counter.png"), full_page=False)
    finally:
        page.close()
