"""The Navapur scenarios: well-formed, fictional, and able to say which key facts a draft lost."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.drafting import compare_facts
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.scenarios import KeyFact, Scenario, get_scenario, load_scenarios

SCENARIOS = list(load_scenarios().values())
IDS = [s.id for s in SCENARIOS]
_DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


def test_the_scenarios_the_lessons_name_are_there() -> None:
    for sid in (
        "scholarship-deadline",
        "heatwave-advisory",
        "vaccination-drive",
        "metro-closure",
        "boil-water-advisory",
    ):
        assert get_scenario(sid).id == sid
    assert len(SCENARIOS) >= 5


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_each_scenario_is_complete_and_fictional(scenario: Scenario) -> None:
    assert scenario.title and scenario.department.startswith("Navapur")
    assert len(scenario.press_release.split()) >= 40
    kinds = {f.kind for f in scenario.facts}
    assert {"date", "phone", "link"} <= kinds, "every post needs a date, a helpline and a link"
    for phone in re.findall(r"1800-\d{3}-\d{4}", scenario.press_release):
        assert phone.startswith("1800-000-"), "helplines stay in the unassigned 1800-000 range"
    for link in re.findall(r"https?://\S+", scenario.press_release):
        assert link.startswith("https://example.com/navapur/"), link


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_press_release_keeps_all_its_own_facts(scenario: Scenario) -> None:
    assert scenario.missing_facts(scenario.press_release) == []


@pytest.mark.parametrize(
    "scenario", [s for s in SCENARIOS if s.press_release_hi], ids=lambda s: s.id
)
def test_hindi_versions_state_the_same_facts(scenario: Scenario) -> None:
    comparison = compare_facts(scenario.press_release, scenario.press_release_hi)
    assert comparison.matches, [m.message for m in comparison.mismatches]
    assert scenario.missing_facts(scenario.press_release_hi) == []


def test_some_scenarios_have_a_hindi_version() -> None:
    assert sum(s.press_release_hi is not None for s in SCENARIOS) >= 3


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_each_fact_removed_is_reported_missing(scenario: Scenario) -> None:
    for fact in scenario.facts:
        if fact.kind in ("phone", "link"):
            text = scenario.press_release.replace(fact.value, "[removed]")
            assert fact in scenario.missing_facts(text), fact.label


def test_dates_match_with_or_without_the_year_but_not_another_year() -> None:
    s = get_scenario("scholarship-deadline")
    date = s.fact("date")
    assert date.found_in("Apply by 15 March.")
    assert date.found_in("Apply by 15 March 2026.")
    assert date.found_in("आवेदन की अंतिम तिथि १५ मार्च")
    assert not date.found_in("Apply by 15 March 2027.")
    assert not date.found_in("Apply by 16 March 2026.")


def test_amounts_match_whatever_the_currency_sign() -> None:
    amount = get_scenario("scholarship-deadline").fact("amount")
    assert amount.found_in("Rs 12,000 a year") and amount.found_in("₹12000 a year")
    assert not amount.found_in("₹1,200 a year")


def test_missing_facts_names_what_is_missing_in_order() -> None:
    s = get_scenario("heatwave-advisory")
    missing = s.missing_facts("Heatwave from 12 May. Call 1800-000-4477.")
    assert [f.label for f in missing] == ["last day", "advice and cooling centres"]


def test_digits_in_devanagari_keep_the_facts() -> None:
    s = get_scenario("vaccination-drive")
    text = s.press_release.replace("https://example.com/navapur/vaccine", "LINK")
    text = text.translate(_DEVANAGARI_DIGITS).replace("LINK", s.fact("link").value)
    assert s.missing_facts(text) == []


def test_results_are_frozen_and_load_returns_a_fresh_dict() -> None:
    s = get_scenario("metro-closure")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.facts[0].value = "changed"  # type: ignore[misc]
    first = load_scenarios()
    first.clear()
    assert load_scenarios(), "clearing a returned dict must not empty the catalogue"
    assert isinstance(s.facts[0], KeyFact)


def test_lookup_is_forgiving_about_case_and_spaces() -> None:
    assert get_scenario("  Heatwave-Advisory ").id == "heatwave-advisory"


def test_unknown_scenario_lists_the_known_ones() -> None:
    with pytest.raises(PostLabValueError, match="heatwave-advisory") as info:
        get_scenario("flood-warning")
    assert "scenario_id='flood-warning'" in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", [None, 3, b"metro-closure", ["metro-closure"]])
def test_scenario_id_must_be_text(bad: object) -> None:
    with pytest.raises(PostLabTypeError, match=r"scenario_id=.*must be str"):
        get_scenario(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, 12, b"text"])
def test_missing_facts_wants_text(bad: object) -> None:
    with pytest.raises(PostLabTypeError, match=r"text=.*must be str"):
        get_scenario("metro-closure").missing_facts(bad)  # type: ignore[arg-type]


def test_fact_of_an_absent_kind_says_which_kinds_there_are() -> None:
    with pytest.raises(PostLabValueError, match=r"kind='amount'.*date, link, number, phone"):
        get_scenario("metro-closure").fact("amount")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_missing_facts_never_crashes_and_only_names_real_facts(text: str) -> None:
    s = get_scenario("heatwave-advisory")
    missing = s.missing_facts(text)
    assert all(f in s.facts for f in missing)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=80),
    st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=80),
)
def test_words_around_the_release_do_not_hide_its_facts(before: str, after: str) -> None:
    s = get_scenario("scholarship-deadline")
    assert s.missing_facts(f"{before} {s.press_release} {after}") == []
