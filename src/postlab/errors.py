"""Errors a trainee or facilitator can cause, with messages written for people.

Every project error subclasses a familiar built-in (``ValueError`` or
``TypeError``) so callers can catch the type they already know, and widgets can
show ``str(error)`` as a plain-language message instead of a traceback.
"""

from __future__ import annotations

__all__ = ["PostLabError", "PostLabTypeError", "PostLabValueError", "WorkbookCorruptError"]


class PostLabError(Exception):
    """Base class: the message is meant to be shown to a person as it is."""


class PostLabValueError(PostLabError, ValueError):
    """A value of the right kind but outside what PostLab accepts."""


class PostLabTypeError(PostLabError, TypeError):
    """A value of the wrong kind (for example a number where text was expected)."""


class WorkbookCorruptError(PostLabValueError):
    """A workbook file could not be read; it has been kept aside, not overwritten."""
