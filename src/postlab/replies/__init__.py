"""Replies, moderation and rumours: answer citizens well and correct misinformation.

- ``load_comments`` reads the comment queue, ``judge_triage`` compares a triage
  choice with the key;
- ``check_reply`` and ``check_holding_statement`` check what a trainee writes;
- ``race`` runs a rumour and the official response as two competing cascades;
- ``Tabletop`` plays a crisis scenario's injects against a clock.
"""

from __future__ import annotations

from postlab.replies.checks import ReplyReport, check_holding_statement, check_reply, sentiment
from postlab.replies.crisis import PausedClock, RealClock, Tabletop, load_scenario
from postlab.replies.queue import TRIAGE_OPTIONS, Comment, load_comments, triage_options
from postlab.replies.rumour import RESPONSES, Response, RumourRace, race
from postlab.replies.triage import TriageVerdict, judge_triage

__all__ = [
    "RESPONSES",
    "TRIAGE_OPTIONS",
    "Comment",
    "PausedClock",
    "RealClock",
    "ReplyReport",
    "Response",
    "RumourRace",
    "Tabletop",
    "TriageVerdict",
    "check_holding_statement",
    "check_reply",
    "judge_triage",
    "load_comments",
    "load_scenario",
    "race",
    "sentiment",
    "triage_options",
]
