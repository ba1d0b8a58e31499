"""The day's lessons, read from ``data/lessons.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from postlab.errors import PostLabValueError

__all__ = ["Lesson", "get_lesson", "lessons"]


@dataclass(frozen=True)
class Lesson:
    """One lesson of the day: id (also the notebook's file stem), title, length."""

    id: str
    title: str
    minutes: int
    status: str = "ready"

    @property
    def ready(self) -> bool:
        """True once the lesson's three notebooks are in the kit."""
        return self.status == "ready"


@cache
def lessons() -> dict[str, Lesson]:
    """All lessons, keyed by id, in the order of the day."""
    text = resources.files("postlab.data").joinpath("lessons.yaml").read_text(encoding="utf-8")
    return {row["id"]: Lesson(**row) for row in yaml.safe_load(text)}


def get_lesson(lesson_id: str) -> Lesson:
    """The lesson called ``lesson_id``; the error lists the ones that exist."""
    try:
        return lessons()[lesson_id]
    except (KeyError, TypeError):
        msg = f"lesson={lesson_id!r} is not a PostLab lesson; choose one of: {', '.join(lessons())}"
        raise PostLabValueError(msg) from None
