"""How full a post is, in a colour and in words: shared by every widget that counts."""

from __future__ import annotations

__all__ = ["NEARLY_FULL", "counter_state", "verdict"]

#: Share of the limit from which a counter turns amber.
NEARLY_FULL = 0.9


def counter_state(length: int, limit: int) -> str:
    """``"ok"``, ``"amber"`` (nearly full) or ``"red"`` (over the limit)."""
    if length > limit:
        return "red"
    if length >= NEARLY_FULL * limit:
        return "amber"
    return "ok"


def verdict(length: int, limit: int, platform_name: str) -> tuple[str, str]:
    """The counter's state and a plain-language sentence about it."""
    state = counter_state(length, limit)
    count = f"{length} of {limit} on {platform_name}"
    if state == "red":
        return state, f"{count}: too long by {length - limit}. Cut some words."
    if state == "amber":
        return state, f"{count}: nearly full, {limit - length} left."
    if length == 0:
        return state, f"{count}: start typing."
    return state, f"{count}: fits, {limit - length} to spare."
