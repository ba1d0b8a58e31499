"""Argument checks shared by the engines, with messages that name the parameter and the range."""

from __future__ import annotations

import numbers

from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["share", "whole_number"]


def whole_number(name: str, value: object, lo: int, hi: int) -> int:
    """``value`` as an int when it is a whole number in ``lo..hi``; otherwise a clear error.

    Example
    -------
    >>> whole_number("runs", 20, 1, 1000)
    20
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        msg = f"{name}={value!r}, must be a whole number between {lo:,} and {hi:,}"
        raise PostLabTypeError(msg)
    if not lo <= value <= hi:
        msg = f"{name}={value:,}, must be between {lo:,} and {hi:,}"
        raise PostLabValueError(msg)
    return int(value)


def share(name: str, value: object) -> float:
    """``value`` as a float when it is a number from 0 to 1; otherwise a clear error.

    Example
    -------
    >>> share("answer_share", 0.25)
    0.25
    """
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        msg = f"{name}={value!r}, must be a number between 0 and 1"
        raise PostLabTypeError(msg)
    if not 0.0 <= float(value) <= 1.0:
        msg = f"{name}={value}, must be between 0 and 1"
        raise PostLabValueError(msg)
    return float(value)
