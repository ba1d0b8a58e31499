"""Links found fast must be exactly the links twitter-text finds.

``postlab.drafting.linkfinder`` rebuilds twitter-text's link regex with its
top-level-domain lists grouped by first character, and ``extract.find_urls`` runs
it only on tokens that could hold a link; both are compared here with
``twitter_text.extract_urls_with_indices`` on the whole text.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import extract_urls_with_indices
from twitter_text.regexp.extract_url import extract_url
from twitter_text.regexp.invalid_domain_chars import invalid_domain_chars
from twitter_text.regexp.valid_ascii_domain import valid_ascii_domain
from twitter_text.regexp.valid_cctld import valid_cctld
from twitter_text.regexp.valid_gtld import valid_gtld

from postlab.drafting import linkfinder
from postlab.drafting.extract import find_urls
from postlab.drafting.linkfinder import find_links, tld_first_chars


def _no_lone_surrogates(text: str) -> bool:
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_assembly_reproduces_twitter_texts_own_patterns():
    # with twitter-text's own TLD alternations, the template gives its exact regexes
    url, ascii_domain = linkfinder._assemble(valid_gtld.pattern, valid_cctld.pattern)
    assert url == extract_url.pattern
    assert ascii_domain == valid_ascii_domain.pattern
    assert linkfinder._URL.flags == extract_url.flags


@pytest.mark.parametrize(
    ("original", "grouped"),
    [(valid_gtld, linkfinder._GTLD), (valid_cctld, linkfinder._CCTLD)],
)
def test_grouped_tlds_pick_what_twitter_text_picks(original, grouped):
    fast = re.compile(grouped, re.IGNORECASE)
    slow = re.compile(original.pattern, re.IGNORECASE)
    names = linkfinder._tld_names(original)
    assert len(names) > 300
    for name in names:
        for text in (name, name.upper() + "/x", name + "x", name[:-1] + " "):
            found, expected = fast.match(text), slow.match(text)
            assert (found and found.group()) == (expected and expected.group()), text


def test_no_two_first_characters_match_each_other_ignoring_case():
    # grouping by first character keeps twitter-text's choice only if no text character
    # could match two groups' first characters
    firsts = sorted(set(tld_first_chars()))
    for a, b in itertools.combinations(firsts, 2):
        assert not re.fullmatch(re.escape(a), b, re.IGNORECASE), (a, b)


def test_every_tld_starts_with_a_domain_character_that_is_not_a_digit():
    # the token filter looks for a dot followed by such a character
    bad = re.compile(rf"[{invalid_domain_chars.pattern}0-9]", re.IGNORECASE)
    assert not [c for c in tld_first_chars() if bad.match(c)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no links here. None at all.",
        "Book at navapur.example.in/eye?utm_source=x. Call 1800-000-0000.",
        "x éexample.com",
        "éexample.com",
        "x (example.com) [t.co/abc] https://t.co/" + "a" * 41,
        "Go to http://twitter.com/Русские_слова and 日本語.jp and xn--p1ai.example",
        "a.b.c 1.5 lakh e.g. i.e. Rs.500 fine.Thanks",
        "\u202ahttps://navapur.gov.example/a\u202c",
        "$navapur.gov.example #navapur.gov.example @navapur.gov.example",
        "x" * 5000 + " éexample.com",  # a link after a token longer than a link can be
    ],
)
def test_find_urls_equals_twitter_text(text):
    assert find_urls(text) == extract_urls_with_indices(text)
    assert find_links(text) == extract_urls_with_indices(text)


_LINKISH = st.sampled_from(
    [
        *" .:/?=&#@$-_()[]!,'\n",
        *["http://", "https://", "www.", ".com", ".in", ".gov", ".example", ".co", ".jp"],
        *["t.co/", "navapur", "a", "B", "7", "é", "Ж", "日本", "xn--p1ai", "K", "ſ", "İ"],
        *["\u3000", "\u00a0", "\u202a", "\u200e", "\ufeff", "😀", "x.com/a?b=c", ".."],
    ]
)


@settings(max_examples=400)
@given(st.lists(_LINKISH, max_size=40).map("".join))
def test_find_urls_equals_twitter_text_on_generated_linkish_text(text):
    assert find_urls(text) == extract_urls_with_indices(text)


@given(st.text(max_size=120).filter(_no_lone_surrogates))
def test_find_urls_equals_twitter_text_on_any_text(text):
    assert find_urls(text) == extract_urls_with_indices(text)


@settings(max_examples=50)
@given(st.lists(_LINKISH, min_size=1, max_size=20).map("".join), st.integers(0, 30))
def test_find_links_on_part_of_a_text_equals_twitter_text_on_that_part(text, cut):
    cut = min(cut, len(text))
    expected = [
        {"url": u["url"], "indices": [u["indices"][0] + cut, u["indices"][1] + cut]}
        for u in extract_urls_with_indices(text[cut:])
    ]
    assert find_links(text, cut) == expected
