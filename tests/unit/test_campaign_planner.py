"""Exercise 06's planning widgets: plain answer data, saved as typed, back after a restart."""

from __future__ import annotations

from postlab.exercises.checks import is_unanswered
from postlab.exercises.questions import evaluate
from postlab.exercises.record import answer_data
from postlab.widgets.campaign_planner import CalendarPlanner, MeasuresTable, SegmentPicker

LESSON = "06-plan-a-campaign"
POST = (
    "Heatwave 12-16 May: drink water often. Dizzy? Call the free heat helpline 1800-000-4477. "
    "Advice: https://example.com/navapur/heatwave"
)


class _Store:
    """The load/save face of ``ex.store``, in memory."""

    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    def load(self, key: str) -> str | None:
        return self.saved.get(key)

    def save(self, key: str, value: str) -> None:
        self.saved[key] = value


def test_an_empty_form_is_not_answered_yet() -> None:
    for widget in (CalendarPlanner(), MeasuresTable(), SegmentPicker()):
        assert widget.value == []
        assert is_unanswered(answer_data(widget.value))


def test_calendar_value_is_plain_data_and_survives_a_restart() -> None:
    store = _Store()
    planner = CalendarPlanner(posts=3, scenario="heatwave-advisory", store=store)
    planner.set_post(
        1, day="mon", time="09:00", format="image", text=POST, alt_text="A man drinks."
    )
    planner.set_post(3, day="wed", time="18:00", text=POST)
    value = planner.value
    assert value == answer_data(value)
    assert [p["day"] for p in value] == ["mon", "wed"]
    assert value[0]["alt_text"] == "A man drinks." and "alt_text" not in value[1]
    assert CalendarPlanner(posts=3, scenario="heatwave-advisory", store=store).value == value


def test_each_row_says_what_to_fix_in_words() -> None:
    planner = CalendarPlanner(posts=1, scenario="heatwave-advisory")
    planner.set_post(1, day="tue", time="18:00", text="Drink water often.")
    status = planner._rows[0].status.value
    assert "leaves out the first day (12 May 2026)" in status
    planner.set_post(1, text=POST)
    assert "passes the checks" in planner._rows[0].status.value


def test_measures_and_segments_feed_the_checks() -> None:
    store = _Store()
    table = MeasuresTable(rows=2, store=store)
    table.set_row(1, name="Calls to the heat helpline", kind="outcome", source="helpline log")
    table.set_row(2, name="Seniors reached on X", kind="output", source="platform analytics")
    assert evaluate(LESSON, "measures", table.value).passed
    assert MeasuresTable(rows=2, store=store).value == table.value
    table.set_row(1, name="Happiness", kind="outcome", source="")
    record = evaluate(LESSON, "measures", table.value)
    assert not record.passed and "where its number will come from" in record.message
    picker = SegmentPicker(store=store)
    picker.value = ["Seniors", "rural_families"]
    assert SegmentPicker(store=store).value == ["rural_families", "seniors"]
