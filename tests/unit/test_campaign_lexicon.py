"""The campaign word lists in data/campaign.yaml: shape, sources, and that the engine reads them."""

from __future__ import annotations

import copy
import re
from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from postlab.campaign import Measure, parse_objective
from postlab.campaign.lexicon import _parse, campaign_words
from postlab.errors import PostLabValueError

RAW = yaml.safe_load(resources.files("postlab.data").joinpath("campaign.yaml").read_text("utf-8"))


def test_every_list_names_its_source() -> None:
    for section, entry in RAW.items():
        assert len(entry["source"].strip()) > 20, section


def test_months_cover_the_year_in_both_languages() -> None:
    for language in ("en", "hi"):
        assert set(RAW["months"][language].values()) == set(range(1, 13)), language


def test_lists_are_loaded_once() -> None:
    assert campaign_words() is campaign_words()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda raw: raw["months"]["en"].update(smarch=13), "months.en.smarch"),
        (lambda raw: raw["output_words"].pop("source"), "output_words"),
        (
            lambda raw: raw["number_words"]["multipliers"].update(lakh=-1),
            "number_words.multipliers.lakh",
        ),
        (
            lambda raw: raw["metric_words"]["metrics"].append({"words": ["x"]}),
            "metric_words.metrics[6]",
        ),
        (lambda raw: raw["reach_words"].update(words=[]), "reach_words.words"),
    ],
)
def test_a_broken_file_says_where(change, where: str) -> None:
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(PostLabValueError, match="campaign.yaml: " + re.escape(where)):
        _parse(raw)


@given(name=st.sampled_from(sorted(campaign_words().months)), day=st.integers(1, 28))
def test_every_month_name_makes_a_deadline(name: str, day: int) -> None:
    objective = parse_objective(f"Reach 500 people by {day} {name} 2026")
    assert objective.deadline is not None
    month = campaign_words().months[name]
    assert (objective.deadline.month, objective.deadline.day) == (month, day)


@given(word=st.sampled_from(sorted(campaign_words().multipliers)), n=st.integers(1, 999))
def test_number_words_multiply(word: str, n: int) -> None:
    objective = parse_objective(f"Reach {n} {word} people by 7 June 2026")
    assert objective.target == n * campaign_words().multipliers[word]


@pytest.mark.parametrize("word", campaign_words().output_words)
def test_each_output_word_marks_an_output(word: str) -> None:
    assert Measure(name=f"{word.capitalize()}s on X", kind="outcome").looks_like_output
    assert not Measure(name="Children vaccinated", kind="outcome").looks_like_output


@pytest.mark.parametrize(("metric", "words"), campaign_words().metric_words)
def test_each_metric_word_names_its_metric(metric: str, words: tuple[str, ...]) -> None:
    first = {m: i for i, (m, _) in enumerate(campaign_words().metric_words)}
    for word in words:
        found = parse_objective(f"Get 500 {word} by 7 June 2026").metric
        # an earlier metric may claim the word (order matters), never a later one
        assert found is not None and first[found] <= first[metric], (word, found)
