"""The crisis tabletop: scenario, clocks, statements, timeline and rumour."""

from __future__ import annotations

import pytest

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.replies.crisis import PausedClock, RealClock, Tabletop, load_scenario

HOLDING = (
    "Tap water in Ward 12 is being tested. We do not yet know the cause. "
    "Please boil water before drinking. Next update at 1 pm."
)
CORRECTION = (
    "Chlorine tablets are safe. The message about poison and cancer is false. "
    "Updates: https://example.com/navapur/water"
)


def test_scenario_loads_with_injects_in_order():
    scenario = load_scenario()
    minutes = [i.minute for i in scenario.injects]
    assert minutes == sorted(minutes) and minutes[0] == 0 and len(minutes) >= 4
    assert scenario.clock(240) == "13:00"
    assert scenario.myth == ("poison", "cancer")


def test_paused_clock_moves_only_when_told():
    table = Tabletop(seed=1)
    assert table.now == 0 and [i.minute for i in table.revealed] == [0]
    assert table.now == 0
    inject = table.advance()
    assert table.now == 30 and inject.title == "A rumour starts"
    table.advance(15)
    assert table.now == 45 and table.next_inject.minute == 240


def test_real_clock_runs_pauses_and_resumes():
    now = [0.0]
    clock = RealClock(speed=60, now=lambda: now[0])
    now[0] = 30.0  # half a real minute = 30 scenario minutes at 60x
    assert clock.minute == 30
    clock.pause()
    now[0] = 600.0
    assert clock.minute == 30 and clock.paused
    clock.resume()
    now[0] = 660.0
    assert clock.minute == 90
    clock.advance(10)
    assert clock.minute == 100


def test_tabletop_with_real_clock_reveals_injects_as_time_passes():
    now = [0.0]
    table = Tabletop(clock=RealClock(speed=240, now=lambda: now[0]), seed=1)
    assert len(table.revealed) == 1
    now[0] = 60.0  # 240 scenario minutes
    assert [i.minute for i in table.revealed] == [0, 30, 240]


def test_statements_are_checked_and_timed():
    table = Tabletop(seed=1)
    first = table.post(HOLDING, kind="holding")
    assert first.clock == "09:00" and first.report.passes
    table.advance()
    second = table.post(CORRECTION, kind="correction")
    assert second.minute == 30 and second.report.codes == []
    bad = table.post("Chlorine tablets cause cancer? No.", kind="correction")
    assert bad.report.has("myth_first")
    timeline = table.timeline()
    assert list(timeline["who"]) == [
        "inject",
        "you (holding)",
        "inject",
        "you (correction)",
        "you (correction)",
    ]
    assert [r.minute for r in table.plan()] == [-30, 0, 0]


def test_answering_early_keeps_the_rumour_smaller():
    early = Tabletop(seed=3)
    early.advance()
    early.post(CORRECTION, kind="correction")
    late = Tabletop(seed=3)
    late.advance(400)
    late.post(CORRECTION, kind="correction")
    assert early.rumour().unanswered_hours < late.rumour().unanswered_hours
    assert early.summary()[0].startswith("First statement at 09:30")


def test_bad_statements_are_refused_and_nothing_is_lost():
    table = Tabletop(seed=1)
    table.post(HOLDING, kind="holding")
    with pytest.raises(PostLabValueError, match="text is empty"):
        table.post("   ")
    with pytest.raises(PostLabValueError, match="at most 10,000"):
        table.post("a" * 50_000)
    with pytest.raises(PostLabValueError, match="kind='tweet'"):
        table.post("Hello", kind="tweet")
    with pytest.raises(PostLabTypeError, match="text=None"):
        table.post(None)
    assert len(table.statements) == 1


def test_finished_after_the_last_inject():
    table = Tabletop(seed=1)
    while not table.finished:
        table.advance()
    assert table.next_inject is None and table.now == table.scenario.length


def test_bad_scenarios_and_clocks(tmp_path):
    with pytest.raises(PostLabValueError, match="no such scenario"):
        load_scenario("flood")
    path = tmp_path / "s.yaml"
    path.write_text("id: x\ntitle: t\nrumour: {text: r}\ninjects:\n  - {minute: 5}\n", "utf-8")
    with pytest.raises(PostLabValueError, match="inject 1 is missing the field 'title'"):
        load_scenario(path)
    with pytest.raises(PostLabValueError, match="speed=0"):
        RealClock(speed=0)
    with pytest.raises(PostLabValueError, match="minutes=-1"):
        PausedClock().advance(-1)
    with pytest.raises(PostLabTypeError, match="clock="):
        Tabletop(clock="fast")
