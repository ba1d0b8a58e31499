"""The platform rules table: every row complete, sourced and dated."""

from __future__ import annotations

import datetime as dt

import pytest

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import Platform, get_platform, platform_names, platforms

REQUIRED = {"x", "facebook", "instagram", "linkedin", "threads", "youtube_title"}
REQUIRED |= {"youtube_description", "whatsapp_channel", "instagram_reel", "youtube_short"}


def test_required_platforms_are_there():
    assert REQUIRED <= set(platform_names())


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_rows_are_complete_sourced_and_dated(name):
    p = get_platform(name)
    assert p.limit > 0 and p.count_method in (
        "twitter_weighted",
        "code_points",
        "graphemes",
        "utf16",
    )
    assert p.source.strip() and dt.date.fromisoformat(p.verified) <= dt.date(2030, 1, 1)
    assert p.max_hashtags is None or p.suggested_hashtags <= p.max_hashtags
    assert isinstance(p.links_clickable, bool)


def test_known_values():
    assert (get_platform("x").limit, get_platform("x").link_length) == (280, 23)
    assert (
        get_platform("instagram").max_hashtags == 5
        and not get_platform("instagram").links_clickable
    )
    assert get_platform("youtube_title").limit == 100


def test_youtube_title_has_no_hashtag_limit():
    # YouTube shows the first 3 hashtags above a title: a display rule, not a limit.
    assert get_platform("youtube_title").max_hashtags is None
    assert get_platform("youtube_description").max_hashtags == 60


def test_india_channels_are_in_the_table():
    reel, short = get_platform("reels"), get_platform("shorts")
    assert reel.key == "instagram_reel" and reel.max_hashtags == 5 and not reel.links_clickable
    assert short.key == "youtube_short" and short.limit == 100 and not short.links_clickable
    assert get_platform("whatsapp").key == "whatsapp_channel"


@pytest.mark.parametrize("name", platform_names())
def test_every_row_says_what_was_seen_and_when(name):
    p = get_platform(name)
    assert len(p.source) > 40, "a source names the document and what it says"
    assert dt.date.fromisoformat(p.verified) >= dt.date(2026, 11, 1)


def test_aliases_and_case():
    assert get_platform(" Twitter ").key == "x"
    assert get_platform("youtube").key == "youtube_description"
    row = get_platform("x")
    assert get_platform(row) is row and isinstance(row, Platform)


def test_errors_name_the_choices():
    with pytest.raises(PostLabValueError, match="choose one of"):
        get_platform("orkut")
    with pytest.raises(PostLabTypeError, match="must be text"):
        get_platform(7)  # type: ignore[arg-type]


def test_table_is_cached():
    assert platforms() is platforms()
