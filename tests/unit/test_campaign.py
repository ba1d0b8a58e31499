"""The campaign plan engine: objectives, findings, simulation, CSV and HTML exports."""

from __future__ import annotations

import csv
import datetime as dt
import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.audience import Audience
from postlab.campaign import (
    EXAMPLE_PLAN,
    CalendarEntry,
    CampaignPlan,
    Measure,
    calendar_from_list,
    measures_from_dict,
    parse_objective,
    plan_from_dict,
)
from postlab.errors import PostLabTypeError, PostLabValueError


@pytest.fixture(scope="module")
def audience() -> Audience:
    return Audience.synthetic(followers=2_000, seed=1)


def _plan(**changes: object) -> CampaignPlan:
    return plan_from_dict({**EXAMPLE_PLAN, **changes})


# -- objectives ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target", "deadline", "metric"),
    [
        ("Reach 9,000 rural families by 7 June 2026", 9000, "2026-06-07", "reach_rural_families"),
        ("Reach 1.5 lakh people by June 7, 2026", 150_000, "2026-06-07", "reach"),
        ("Answer 90% of replies by 14/06/2026", 0.9, "2026-06-14", "replies_answered"),
        ("Reach 500 seniors by 2026-06-14", 500, "2026-06-14", "reach_seniors"),
        ("Reach ९,००० rural families by १४ जून 2026", 9000, "2026-06-14", "reach_rural_families"),
        ("Get 2 thousand engagements by 3rd March 2026", 2000, "2026-03-03", "engagements"),
    ],
)
def test_objective_number_deadline_and_metric(text, target, deadline, metric) -> None:
    objective = parse_objective(text)
    assert objective.target == pytest.approx(target)
    assert objective.deadline == dt.date.fromisoformat(deadline)
    assert objective.metric == metric
    assert objective.smart


def test_a_date_without_a_year_is_named() -> None:
    objective = parse_objective("Get 200 engagements by 7 June")
    assert objective.deadline is None
    assert objective.problems == ("the date '7 June' has no year: write it in full",)


def test_vague_objective_lists_every_problem() -> None:
    problems = parse_objective("Raise awareness of the camps").problems
    assert [p.split(":")[0] for p in problems] == [
        "it has no number",
        "it has no deadline",
        "awareness on its own cannot be counted",
    ]
    assert [p.split(":")[0] for p in parse_objective("Five thousand smiles").problems] == [
        "it has no number",
        "it has no deadline",
        "it does not say what is counted",
    ]


def test_the_year_is_not_taken_for_the_target() -> None:
    objective = parse_objective("By 14 June 2026, reach 700 seniors")
    assert objective.target == 700
    assert objective.deadline == dt.date(2026, 6, 14)


def test_a_share_becomes_a_count_of_the_segment(audience: Audience) -> None:
    objective = parse_objective("Reach 50% of seniors by 7 June 2026")
    seniors = audience.segments.loc["seniors", "followers"]
    assert objective.is_share
    assert objective.target_count(audience) == pytest.approx(0.5 * seniors)


def test_objective_must_be_text() -> None:
    with pytest.raises(PostLabTypeError, match="objective=None"):
        parse_objective(None)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_without_raising(text: str) -> None:
    objective = parse_objective(text)
    assert objective.smart == (not objective.problems)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=1, max_value=9_999_999),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
)
def test_any_number_and_date_are_read_back(target: int, day: dt.date) -> None:
    text = f"Reach {target:,} people by {day.day} {day.strftime('%B')} {day.year}"
    objective = parse_objective(text)
    assert (objective.target, objective.deadline) == (target, day)


# -- plan, calendar, measures --------------------------------------------------------------


def test_the_example_plan_is_complete() -> None:
    plan = _plan()
    assert plan.check() == ()
    assert plan.ready
    assert plan.segments == ("rural_families", "seniors")


def test_empty_fields_are_findings_not_errors() -> None:
    plan = _plan(insight="", idea="too short", calendar=[], measures={})
    codes = [f.code for f in plan.check()]
    assert codes == ["no_insight", "no_idea", "too_few_posts", "no_measures"]


def test_image_without_alt_text_fails_its_checks() -> None:
    entry = {"day": "tue", "time": "12:00", "format": "image", "text": "Free camps from 1 June."}
    calendar = [entry, *EXAMPLE_PLAN["calendar"][1:], EXAMPLE_PLAN["calendar"][0]]
    findings = _plan(calendar=calendar, scenario=None).check()
    assert [f.code for f in findings] == ["draft_fails"]
    assert "alt text" in findings[0].message
    assert "Tue 12:00 on x" in findings[0].message


def test_a_draft_over_the_limit_fails() -> None:
    long = {"day": "tue", "time": "09:00", "text": "Heat. " * 60}
    findings = _plan(calendar=[*EXAMPLE_PLAN["calendar"], long], scenario=None).check()
    assert [f.code for f in findings] == ["draft_fails"]


def test_clashing_posts_are_reported() -> None:
    clash = {"day": "mon", "time": "20:10", "text": "Camps open on 1 June, free for children."}
    findings = _plan(calendar=[*EXAMPLE_PLAN["calendar"], clash], scenario=None).check()
    assert [f.code for f in findings] == ["schedule"]
    assert "overlaps" in findings[0].message


def test_an_output_called_outcome_is_reported() -> None:
    findings = _plan(measures={"Impressions on X (platform analytics)": "outcome"}).check()
    assert [f.code for f in findings] == ["output_called_outcome", "no_outcome"]


def test_only_outputs_is_reported() -> None:
    findings = _plan(
        measures={"Reach on X (analytics)": "output", "Likes (analytics)": "output"}
    ).check()
    assert [f.code for f in findings] == ["no_outcome"]


def test_measure_kind_must_be_output_or_outcome() -> None:
    with pytest.raises(PostLabValueError, match=r"kind='result'.*must be 'output' or 'outcome'"):
        Measure(name="Calls", kind="result")
    assert measures_from_dict({"Calls": " Outcome "})[0].kind == "outcome"


def test_unknown_segment_names_the_choices() -> None:
    with pytest.raises(PostLabValueError, match="segments has 'farmers', must be among"):
        _plan(segments=["farmers"])
    assert _plan(segments=["Rural families"]).segments == ("rural_families",)


def test_bad_calendar_post_names_its_position() -> None:
    with pytest.raises(PostLabValueError, match="calendar post 2: time='25:00'"):
        calendar_from_list(
            [
                {"day": "mon", "time": "09:00", "text": "a"},
                {"day": "tue", "time": "25:00", "text": "b"},
            ]
        )
    with pytest.raises(PostLabValueError, match="calendar post 1 has 'colour'"):
        calendar_from_list([{"day": "mon", "time": "09:00", "text": "a", "colour": "red"}])
    with pytest.raises(PostLabValueError, match="calendar post 1 has no 'text'"):
        calendar_from_list([{"day": "mon", "time": "09:00"}])


def test_plan_from_dict_names_missing_and_unknown_keys() -> None:
    with pytest.raises(PostLabValueError, match="the plan has no 'measures'"):
        plan_from_dict({k: v for k, v in EXAMPLE_PLAN.items() if k != "measures"})
    with pytest.raises(PostLabValueError, match="the plan has 'budget'"):
        plan_from_dict({**EXAMPLE_PLAN, "budget": 0})
    with pytest.raises(PostLabTypeError, match="data=list"):
        plan_from_dict([])


def test_entry_languages_follow_the_text() -> None:
    hindi = CalendarEntry(day="mon", time="08:00", text="कल से मुफ़्त टीका शिविर, सभी सरकारी स्कूलों में।")
    english = CalendarEntry(day="mon", time="08:00", text="Free vaccine camps in every school.")
    assert hindi.to_scheduled().languages == ("hi",)
    assert english.to_scheduled().languages == ("en",)
    chosen = CalendarEntry(day="mon", time="08:00", text="Camps.", languages=["hi", "regional"])
    assert chosen.to_scheduled().languages == ("hi", "regional")


# -- simulation ----------------------------------------------------------------------------


def test_simulation_is_seeded_and_reads_the_objective(audience: Audience) -> None:
    plan = _plan(objective="Reach 100 rural families by 7 June 2026")
    first = plan.simulate(audience, runs=10, seed=3)
    again = plan.simulate(audience, runs=10, seed=3)
    assert first.mean == again.mean
    assert first.metric == "reach_rural_families"
    assert first.target == 100
    assert first.low <= first.mean <= first.high
    assert first.meets == (first.mean >= 100)
    assert "teaching model" in first.summary


def test_an_out_of_reach_target_is_not_met(audience: Audience) -> None:
    plan = _plan(objective="Reach 1,000,000 people by 7 June 2026")
    simulation = plan.simulate(audience, runs=10, seed=3)
    assert not simulation.meets and not simulation.sure
    assert "falls short" in simulation.summary


def test_posts_on_other_platforms_are_checked_not_simulated(audience: Audience) -> None:
    facebook = {
        "day": "tue",
        "time": "18:00",
        "platform": "facebook",
        "text": "Free measles-rubella vaccine for children, 1-14 June. Call 1800-000-2200.",
    }
    plan = _plan(calendar=[*EXAMPLE_PLAN["calendar"], facebook])
    simulation = plan.simulate(audience, runs=10, seed=3)
    assert (simulation.posts_simulated, simulation.posts_left_out) == (3, 1)


def test_simulating_a_vague_objective_says_why(audience: Audience) -> None:
    with pytest.raises(PostLabValueError, match="cannot be simulated: it has no number"):
        plan = _plan(objective="Raise awareness by 7 June 2026", output_target=None)
        plan.simulate(audience, runs=10, seed=1)
    with pytest.raises(PostLabValueError, match="add an output target"):
        _plan(output_target=None).simulate(audience, runs=10, seed=1)


# -- exports -------------------------------------------------------------------------------


def test_csv_has_one_row_per_post_in_week_order(tmp_path) -> None:
    path = _plan().to_csv(tmp_path / "calendar.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["day"] for r in rows] == ["mon", "wed", "sat"]
    assert rows[0]["text"] == EXAMPLE_PLAN["calendar"][0]["text"]
    assert {r["passes"] for r in rows} == {"True"}


def test_html_escapes_all_planner_text(tmp_path) -> None:
    evil = "<script>alert('x')</script> & more words here"
    plan = _plan(name=evil, insight=evil, idea=evil, measures={evil: "outcome"})
    page = plan.to_html(tmp_path / "plan.html")
    assert "<script>" not in page
    assert html.escape(evil) in page
    assert (tmp_path / "plan.html").read_text("utf-8") == page


def test_html_lists_what_is_still_to_do() -> None:
    page = _plan(insight="").to_html()
    assert "Still to do" in page
    assert "Still to do" not in _plan().to_html()
