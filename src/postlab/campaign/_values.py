"""Checks of the plain values a planner writes (text that may still be empty)."""

from __future__ import annotations

from postlab.errors import PostLabTypeError

__all__ = ["text_value"]


def text_value(name: str, value: object) -> str:
    """``value`` stripped when it is text; emptiness is a finding later, not an error here.

    Example
    -------
    >>> text_value("idea", "  Free camps near home. ")
    'Free camps near home.'
    """
    if not isinstance(value, str):
        msg = f"{name}={value!r}, must be text in quotes"
        raise PostLabTypeError(msg)
    return value.strip()
