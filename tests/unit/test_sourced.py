"""Sourced data: every number keeps its source for the model card, engines get the numbers."""

from __future__ import annotations

from postlab.simulation.defaults import defaults_table, model_defaults
from postlab.sourced import is_sourced, strip_sources, walk_sources

TABLE = {
    "boost": {"value": 1.16, "source": "Twitter 2014", "date": "2014-06-01"},
    "ranking": {"weights": {"reply": {"value": 13.5, "source": "X 2023"}}, "note": "plain"},
}


def test_strip_keeps_structure_and_plain_values() -> None:
    assert strip_sources(TABLE) == {
        "boost": 1.16,
        "ranking": {"weights": {"reply": 13.5}, "note": "plain"},
    }


def test_walk_names_every_sourced_value() -> None:
    assert list(walk_sources(TABLE)) == [
        ("boost", 1.16, "Twitter 2014", "2014-06-01"),
        ("ranking.weights.reply", 13.5, "X 2023", ""),
    ]


def test_a_dict_without_source_is_not_a_sourced_entry() -> None:
    assert not is_sourced({"value": 1})


def test_model_defaults_table_and_values_agree() -> None:
    table = defaults_table()
    assert len(table) > 10
    assert model_defaults()["ranking"]["weights"]["reply"] == 13.5
