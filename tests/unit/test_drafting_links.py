"""Links found fast must be exactly the links twitter-text finds.

``postlab.drafting.linkfinder`` works out the matches of twitter-text's link regex
(its top-level-domain lists grouped by first character) without running it, in linear
time; its matches are compared here with the regex's own, and ``find_urls`` with
``twitter_text.extract_urls_with_indices`` on the whole text.
"""

from __future__ import annotations

import itertools
import re
import time

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
    # linkfinder._TLD_HINT looks for a dot followed by two such characters
    bad = re.compile(rf"[{invalid_domain_chars.pattern}0-9]", re.IGNORECASE)
    invalid = re.compile(rf"[{invalid_domain_chars.pattern}]", re.IGNORECASE)
    assert not [c for c in tld_first_chars() if bad.match(c)]
    names = linkfinder._GTLD_NAMES + linkfinder._CCTLD_NAMES
    assert not [n for n in names if len(n) < 2 or invalid.match(n[1])]


def test_host_character_class_is_domain_characters_dot_dash_underscore():
    one_class = re.compile(linkfinder._HOST_CHAR, re.IGNORECASE)
    spelled_out = re.compile(f"(?:{linkfinder._DOMAIN_CHAR}|[._-])", re.IGNORECASE)
    for code in range(0x3100):  # every character twitter-text calls invalid is below this
        c = chr(code)
        assert bool(one_class.match(c)) == bool(spelled_out.match(c)), hex(code)
    for c in "\ufffe\ufeff\uffff\U0001f600\U00020000":
        assert bool(one_class.match(c)) == bool(spelled_out.match(c)), repr(c)


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


def _regex_matches(text: str) -> list[tuple]:
    """What linkfinder._matches must give: the groups of twitter-text's regex itself."""
    return [
        (m.group(2), m.group(3), m.group(4), m.group(5), m.group(7), m.end())
        for m in extract_url.finditer(text)
    ]


_HOSTY = st.sampled_from(
    [
        *".-_/:?@ ()a",
        *["com", "in", "a_b", "-a", "a-", "ab", "co", "xn--p1ai", "é", "日本", "K", "ſ", "İ"],
        *["http://", "HTTPS://", "x.com", ".com", "..", "😀", "\u202a", ":80", "/(a)", "((a))"],
    ]
)


@settings(max_examples=400)
@given(st.lists(st.one_of(_LINKISH, _HOSTY), max_size=40).map("".join))
def test_matches_are_those_of_twitter_texts_regex(text):
    assert list(linkfinder._matches(text)) == _regex_matches(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*"()/@a-_.?=&#!:;,~+é Ж1", "(a)", "(a(b)c)", "@a/"]), max_size=30))
def test_tail_is_that_of_twitter_texts_regex(parts):
    text = "x.com" + "".join(parts)
    expected = linkfinder._TAIL.match(text, 5)
    assert linkfinder._tail(text, 5) == (expected.end(), expected.group(2))


@pytest.mark.parametrize(
    "text",
    [
        "a." * 45 + "com",  # more labels than the old token filter let through
        " " + "a." * 45 + "com/x",
        "é" * 300 + "a.com",
        "x.com" + ".a" * 300,
        "a_b.com_" * 40,
        "x.com.http://b.com",
        "x.com/" + "(a)" * 300,
        "https://" * 30 + "x.com",
    ],
)
def test_long_and_odd_runs_equal_twitter_text(text):
    assert find_urls(text) == extract_urls_with_indices(text)
    assert list(linkfinder._matches(text)) == _regex_matches(text)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "a." * (n // 2),
        lambda n: "a." * (n // 2 - 2) + "com",
        lambda n: "x.com" + ".a" * (n // 2 - 3),
        lambda n: "é" * (n - 4) + ".com",
        lambda n: "x.com/" + "(a)" * (n // 3 - 2),
        lambda n: "ab." * (n // 3),
        lambda n: "".join(f"x{i}.com/a?b={i} " for i in range(n // 10))[:n],
    ],
)
def test_hostile_text_takes_linear_time(make):
    # twitter-text's regex takes minutes to hours on each of these at 200 kB
    text = make(200_000)
    start = time.process_time()
    find_urls(text)
    assert time.process_time() - start < 5.0
