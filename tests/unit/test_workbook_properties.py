"""Arbitrary answers and drafts thrown at the workbook: no traceback, strict JSON, no loss."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.exercises.record import CheckRecord, Status
from postlab.exercises.workbook import Workbook, read_workbook

LESSON = "00-welcome"
SURROGATES = st.sampled_from(["\ud800", "\udfff", "\ud83d", "\ude00"])
TEXT = st.text(st.one_of(st.characters(), SURROGATES), max_size=40)


class _ReprRaises:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def _loop(items: list[Any]) -> list[Any]:
    items.append(items)
    return items


LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    TEXT,
    st.floats(),  # nan and infinities included
    st.integers(),
    st.integers(min_value=2**63 - 2, max_value=10**400),
    st.just(...),
    st.builds(_ReprRaises),
    st.builds(object),
)
ANSWERS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(TEXT, st.integers(), st.none()), inner, max_size=5),
        st.lists(inner, max_size=3).map(_loop),  # a list that holds itself
        st.frozensets(st.one_of(st.integers(), TEXT), max_size=4),
    ),
    max_leaves=30,
)


def _strict(path: Path) -> dict[str, Any]:
    def refuse(name: str) -> None:
        raise ValueError(name)

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workbook, dict[str, Any]]:
    """One workbook for every example, and each answer as first read back (by entry id)."""
    return Workbook.open(LESSON, folder=tmp_path_factory.mktemp("property")), {}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    question=TEXT.filter(bool),
    status=st.sampled_from(list(Status)),
    message=TEXT,
    answer=ANSWERS,
    draft=st.one_of(st.none(), TEXT),
)
def test_any_answer_is_saved_and_nothing_earlier_is_lost(
    book: tuple[Workbook, dict[str, Any]],
    question: str,
    status: Status,
    message: str,
    answer: Any,
    draft: str | None,
) -> None:
    wb, recorded = book
    if draft is not None:
        assert wb.save_draft("typed", draft) is None
    problem = wb.record(CheckRecord(LESSON, question, status, message), answer)
    assert problem is None, problem  # every answer becomes saveable answer data
    stored = _strict(wb.path)  # always strict JSON, never NaN or a lone surrogate
    json.dumps(stored, allow_nan=False).encode("utf-8")
    data = read_workbook(wb.path)
    assert data.problem is None
    found = {e.id: e.answer for e in data.history}
    for ident, first in recorded.items():  # every earlier answer, unchanged
        assert found[ident] == first
    newest = wb.data().history
    assert sum(e.id not in recorded for e in newest) == 1
    for e in newest:
        recorded.setdefault(e.id, found[e.id])
    if draft is not None:
        assert wb.load_draft("typed") == data.drafts["typed"]
    answered = {Status.PASSED, Status.NOT_YET}
    for q, entry in data.entries.items():  # "unanswered" never becomes the latest over an answer
        if entry.record.status not in answered:
            assert not any(
                e.record.status in answered for e in data.history if e.record.question == q
            )
