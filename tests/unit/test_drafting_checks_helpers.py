"""Fast forms of the checks' text helpers give what their plain forms gave."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from postlab.drafting.calls import _whole
from postlab.drafting.checks import _digits


def _plain_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


_WORDISH = st.lists(st.sampled_from([*"ab _\n.1", "é", "न", "४", "٣", "book", "बुक"])).map("".join)


@given(st.text(max_size=80) | _WORDISH)
def test_digits_turns_every_decimal_digit_into_ascii(text):
    assert _digits(text) == _plain_digits(text)


def test_digits_examples():
    assert _digits("हेल्पलाइन १८००-००० and ৪২") == "हेल्पलाइन 1800-000 and 42"


@given(st.sampled_from(["book", "click here", "बुक करें", "a"]), _WORDISH)
def test_whole_phrase_matches_like_lookbehind_form(phrase, text):
    plain = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    assert [m.span() for m in _whole(phrase).finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
