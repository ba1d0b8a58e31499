"""Issue 14: the report's chart has alt text that says its finding, not "Results per question"."""

from __future__ import annotations

from types import SimpleNamespace

from postlab.grading.report import _chart_alt


def _result(*passed: bool) -> SimpleNamespace:
    statuses = ["passed" if ok else "not_yet" for ok in passed]
    return SimpleNamespace(
        questions=[
            SimpleNamespace(question=q, status=SimpleNamespace(value=s))
            for q, s in zip(("q1", "q2"), statuses, strict=True)
        ]
    )


def test_alt_names_the_hardest_and_easiest_question() -> None:
    results = [_result(True, False), _result(True, True), _result(True, False)]
    assert _chart_alt(results, ["q1", "q2"]) == (
        "Hardest question: q2, passed by 1 of 3 trainees; easiest: q1, passed by 3."
    )
    assert _chart_alt([], ["q1"]) == "No answers to chart yet."
