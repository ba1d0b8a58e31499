"""The crisis tabletop widget over the Tabletop engine."""

from __future__ import annotations

import ipywidgets  # noqa: F401  (required: a widget test never skips)

from postlab.replies.crisis import RealClock, Tabletop
from postlab.widgets.crisis_tabletop import CrisisTabletop

HOLDING = (
    "Tap water in Ward 12 is being tested. We do not yet know the cause. "
    "Please boil water before drinking. Next update at 1 pm."
)


def test_next_inject_reveals_new_facts():
    view = CrisisTabletop()
    assert "Reports of dirty tap water" in view._injects.value
    assert "A rumour starts" not in view._injects.value
    view._advance.click()
    assert "A rumour starts" in view._injects.value and "09:30" in view._clock.value


def test_post_adds_to_the_timeline_and_clears_the_box():
    view = CrisisTabletop()
    view._kind.value = "holding"
    view.value = HOLDING
    view._post.click()
    assert view.value == "" and "score 100 / 100" in view._status.value
    assert "you (holding)" in view._timeline.value


def test_refused_statement_keeps_the_text_and_says_why():
    view = CrisisTabletop()
    view.value = "   "
    view._post.click()
    assert "text is empty" in view._status.value and view.value == "   "
    assert view.table.statements == ()


def test_trainee_text_is_escaped():
    view = CrisisTabletop()
    view.value = "<img src=x onerror=alert(1)> Boil water. Next update at 1 pm."
    view._post.click()
    assert "<img" not in view._timeline.value and "&lt;img" in view._timeline.value


def test_show_rumour_summarises_the_race():
    view = CrisisTabletop(Tabletop(followers=5_000, seed=2))
    view._race.click()
    assert "Nothing was posted." in view._rumour.value
    assert "saw the rumour" in view._rumour.value


def test_real_clock_gets_a_play_control_and_refreshes():
    now = [0.0]
    view = CrisisTabletop(Tabletop(clock=RealClock(speed=240, now=lambda: now[0])))
    assert view._tick in view.children[4].children
    now[0] = 60.0
    view._tick.value = 1
    assert "Lab results" in view._injects.value and "running" in view._clock.value


def test_next_inject_button_disabled_at_the_end():
    view = CrisisTabletop()
    while not view.table.finished:
        view._advance.click()
    assert view._advance.disabled


# Issue 14: named controls, announced results, no program words ("inject"), no h4 headings.
def test_issue14_tabletop_is_accessible_and_plain():
    view = CrisisTabletop()
    assert view._text.description == "Statement"
    assert [label for label, _ in view._kind.options] == ["Holding", "Correction", "Update"]
    assert "inject" not in view._advance.description.lower()
    assert all("postlab-live" in w._dom_classes for w in (view._status, view._rumour, view._clock))
    assert "<h4" not in view._clock.value
    view._advance.click()
    assert ">inject<" not in view._timeline.value and "new facts" in view._timeline.value
    assert "Run this cell again" in view._repr_mimebundle_()["text/plain"]
