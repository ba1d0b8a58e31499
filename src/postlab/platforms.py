"""The platform rules table: one row per platform, each number with its source.

Adding a platform is adding a row to ``data/platforms.csv``; nothing else in the
code names a platform.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["Platform", "get_platform", "platform_names", "platforms"]


@dataclass(frozen=True)
class Platform:
    """Rules of one platform, as published, with where each came from."""

    key: str
    name: str
    aliases: tuple[str, ...]
    limit: int
    count_method: str
    link_length: int | None
    max_hashtags: int | None
    suggested_hashtags: int
    half_life_minutes: float
    engagement_per_follower: float
    source: str
    verified: str
    links_clickable: bool = True


def _optional_int(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def platforms() -> dict[str, Platform]:
    """All platforms, keyed by their short name (``"x"``, ``"instagram"``, ...)."""
    table = resources.files("postlab.data").joinpath("platforms.csv")
    rows: dict[str, Platform] = {}
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows[row["platform"]] = Platform(
                key=row["platform"],
                name=row["name"],
                aliases=tuple(a for a in row["aliases"].split(";") if a),
                limit=int(row["limit"]),
                count_method=row["count_method"],
                link_length=_optional_int(row["link_length"]),
                max_hashtags=_optional_int(row["max_hashtags"]),
                suggested_hashtags=int(row["suggested_hashtags"]),
                half_life_minutes=float(row["half_life_minutes"]),
                engagement_per_follower=float(row["engagement_per_follower"]),
                source=row["source"],
                verified=row["verified"],
                links_clickable=row.get("links_clickable", "true").strip().lower() != "false",
            )
    return rows


def platform_names() -> list[str]:
    """Short names of every platform, in table order."""
    return list(platforms())


def get_platform(platform: str | Platform) -> Platform:
    """Look a platform up by short name; the error lists the valid names."""
    if isinstance(platform, Platform):
        return platform
    if not isinstance(platform, str):
        msg = f"platform={platform!r}, must be text such as 'x' ({', '.join(platforms())})"
        raise PostLabTypeError(msg)
    key = platform.strip().lower()
    for row in platforms().values():
        if key == row.key or key in row.aliases:
            return row
    msg = f"platform={platform!r} is not one PostLab knows; choose one of: {', '.join(platforms())}"
    raise PostLabValueError(msg)
