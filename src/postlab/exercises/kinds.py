"""The kinds of check, written once; a question's data file picks one and sets its parameters.

- ``number``: a whole or decimal number within a tolerance of the expected value;
- ``choice``: one option of a multiple-choice question, by letter or number, each
  option with the reason it is right or wrong;
- ``python``: a check that needs real computation names a function
  (``module:function``) that is a pure function of the answer data.

Every kind receives answer data (see :func:`postlab.exercises.record.answer_data`)
and returns an :class:`~postlab.exercises.checks.Outcome`.
"""

from __future__ import annotations

import importlib
import math
import numbers
from collections.abc import Callable
from typing import Any

from postlab.exercises.checks import Outcome, not_yet, passed

__all__ = ["KINDS", "choice", "letter", "number", "parse_choice", "python"]

_LETTERS = "ABCDEFGH"


def letter(index: int) -> str:
    """An option's letter: 0 -> "A"."""
    return _LETTERS[index]


def parse_choice(answer: Any, count: int) -> int | None:
    """The 0-based option an answer means: a letter ("b", "B)", "(B)") or a number (2, "2").

    Example
    -------
    >>> parse_choice("c", 4), parse_choice(2, 4), parse_choice("E", 4)
    (2, 1, None)
    """
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
        index = int(answer) - 1
    elif isinstance(answer, str):
        word = answer.strip().strip("().").strip().upper()
        if word.isdigit():
            index = int(word) - 1
        elif len(word) == 1 and word.isalpha():
            index = ord(word) - ord("A")
        else:
            return None
    else:
        return None
    return index if 0 <= index < count else None


def choice(
    answer: Any,
    *,
    options: list[dict[str, str]],
    right: str,
    source: str = "",
    wrong_hint: str = "",
) -> Outcome:
    """The right option passes with its explanation; a wrong one says why it is wrong."""
    letters = ", ".join(letter(i) for i in range(len(options)))
    index = parse_choice(answer, len(options))
    if index is None:
        return not_yet(
            f"{answer!r} is not one of the options.",
            f'Answer with one letter ({letters}) or its number, for example "B".',
        )
    why = options[index]["why"]
    if letter(index) != right:
        return not_yet(f"{letter(index)} is not the best choice: {why}", wrong_hint)
    cited = f" (Sources: {source}.)" if source else ""
    return passed(f"{letter(index)}. {why}{cited}")


def number(
    answer: Any,
    *,
    expected: float,
    tolerance: float = 0,
    whole: bool = False,
    right: str = "Yes.",
    wrong: str = "{answer} is not it.",
    not_number: str = "{answer!r} is not a number.",
    not_number_hint: str = "Write a number, without quotes.",
) -> Outcome:
    """A number within ``tolerance`` of ``expected``; digits typed in quotes count too."""
    if isinstance(answer, str):
        text = answer.strip().replace(",", "")
        try:
            answer = int(text) if text.lstrip("+-").isdigit() else float(text)
        except ValueError:
            pass
    ok_type = isinstance(answer, numbers.Real) and not isinstance(answer, bool)
    if not ok_type or not math.isfinite(float(answer)) or (whole and float(answer) % 1):
        return not_yet(not_number.format(answer=answer), not_number_hint)
    if abs(float(answer) - float(expected)) > tolerance:
        return not_yet(wrong.format(answer=answer))
    return passed(right.format(answer=answer))


def python(answer: Any, *, check: str, **params: Any) -> Outcome:
    """Run the named check function (``module:function``) on the answer data."""
    return _function(check)(answer, **params)


_FUNCTIONS: dict[str, Callable[..., Outcome]] = {}


def _function(name: str) -> Callable[..., Outcome]:
    if name not in _FUNCTIONS:
        module, _, attr = name.partition(":")
        _FUNCTIONS[name] = getattr(importlib.import_module(module), attr)
    return _FUNCTIONS[name]


#: Every kind a question's data file may name.
KINDS: dict[str, Callable[..., Outcome]] = {"choice": choice, "number": number, "python": python}
