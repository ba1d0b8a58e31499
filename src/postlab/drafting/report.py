"""What ``analyze`` returns: a Report of Findings, each a plain-language point."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Finding", "FindingsView", "Report"]


@dataclass(frozen=True)
class Finding:
    """One thing the trainee should know about a draft.

    Attributes
    ----------
    code : str
        Stable identifier (``"over_limit"``, ``"missing_alt_text"``, ...).
    severity : str
        ``"error"`` (must fix before posting), ``"warning"`` or ``"tip"``.
    message : str
        What is wrong, in plain language.
    advice : str
        One line on what to do about it.
    span : tuple of int or None
        ``(start, end)`` string indices of the text it is about, if any.
    """

    code: str
    severity: str
    message: str
    advice: str = ""
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (``span`` as a list or None) for JSON and facilitator reports."""
        out = asdict(self)
        out["span"] = list(self.span) if self.span is not None else None
        return out


class FindingsView:
    """Ways to read a ``findings`` list by severity; shared by every report that holds findings."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        """Findings that must be fixed before posting."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings worth fixing."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def tips(self) -> list[Finding]:
        """Suggestions."""
        return [f for f in self.findings if f.severity == "tip"]

    @property
    def passes(self) -> bool:
        """True when no finding is an error."""
        return not self.errors

    @property
    def codes(self) -> list[str]:
        """Codes of all findings, in order."""
        return [f.code for f in self.findings]

    def has(self, code: str) -> bool:
        """True if a finding with ``code`` was raised."""
        return any(f.code == code for f in self.findings)


@dataclass(frozen=True)
class Report(FindingsView):
    """The drafting engine's verdict on one draft for one platform.

    ``length`` is counted as the platform counts it; ``hashtags``, ``mentions``
    and ``urls`` are in order of appearance, without ``#`` or ``@``.
    ``quality`` is a factor in [0, 1] for the engagement simulator (1 = nothing
    holds the post back); ``quality_reasons`` says why it is lower.
    ``reading_ease`` is the Flesch score, or None when the draft is not English.
    """

    text: str
    platform: str
    length: int
    limit: int
    fits: bool
    hashtags: list[str]
    mentions: list[str]
    urls: list[str]
    findings: list[Finding]
    script: str
    language: str
    reading_ease: float | None
    quality: float
    quality_reasons: list[str]
    has_image: bool = False
    alt_text: str | None = None
    scripts: dict[str, float] = field(default_factory=dict)

    @property
    def remaining(self) -> int:
        """Characters left before the limit (negative when over)."""
        return self.limit - self.length

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of everything, JSON-ready, including ``passes`` and counts by severity."""
        return {
            "text": self.text,
            "platform": self.platform,
            "length": self.length,
            "limit": self.limit,
            "fits": self.fits,
            "passes": self.passes,
            "hashtags": list(self.hashtags),
            "mentions": list(self.mentions),
            "urls": list(self.urls),
            "findings": [f.to_dict() for f in self.findings],
            "script": self.script,
            "scripts": dict(self.scripts),
            "language": self.language,
            "reading_ease": self.reading_ease,
            "quality": self.quality,
            "quality_reasons": list(self.quality_reasons),
            "has_image": self.has_image,
            "alt_text": self.alt_text,
        }
