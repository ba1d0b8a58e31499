"""Lesson 01's drafting studio in real JupyterLab and Chromium: type, see count and findings."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, Lab, run_all_and_wait_for, wait_kernel_idle

pytestmark = pytest.mark.browser

LESSON = "notebooks/01-write-for-everyone.ipynb"
STUDIO = ".postlab-drafting-studio"


def test_typing_in_the_studio_updates_counter_and_findings(lab: Lab, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        page.goto(lab.notebook_url(LESSON))
        wait_kernel_idle(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        box = run_all_and_wait_for(page, f"{STUDIO} textarea")
        counter = page.locator(f"{STUDIO} .postlab-counter").first
        findings = page.locator(f"{STUDIO} .postlab-findings").first
        findings.wait_for(state="visible", timeout=30_000)
        before = counter.inner_text()
        match = re.search(r"X \(Twitter\): (\d+) / 280", before)
        assert match, f"counter shows {before!r}"
        n_before = int(match.group(1))
        assert "CLICK" not in findings.inner_text()
        assert "click here" not in findings.inner_text().lower()

        typed = " CLICK HERE"
        box.click()
        box.press("Control+End")
        box.press_sequentially(typed, delay=15)
        expected = f"X (Twitter): {n_before + len(typed)} / 280"
        # The kernel re-checks on every keystroke; wait for the state after the last one.
        page.wait_for_function(
            "([el, want]) => el.innerText.includes(want)",
            arg=[counter.element_handle(), expected],
            timeout=90_000,
        )
        page.wait_for_function(
            "(el) => el.innerText.includes(\"'CLICK HERE' does not say what happens next\")",
            arg=findings.element_handle(),
            timeout=90_000,
        )
        after_findings = findings.inner_text()
        assert "'CLICK' is in capitals" in after_findings
        assert "Worth fixing" in after_findings
        assert counter.inner_text() != before
        page.screenshot(path=str(ARTIFACTS / "lesson01-drafting-studio.png"), full_page=False)
    finally:
        page.close()
