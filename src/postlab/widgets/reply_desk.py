"""Lesson 07's reply desk: one comment at a time, a triage choice, a reply with live checks.

A thin view over ``postlab.replies``: typing calls ``check_reply`` (live findings and a
preview); Submit calls ``judge_triage`` and ``check_reply`` and shows a score and
feedback; Previous and Next move through the queue. Progress (choice, reply and
score per comment, and where the trainee is) is saved through ``store`` as they work.
"""

from __future__ import annotations

import html
import json

import ipywidgets as widgets

from postlab.exercises.workbook import WorkbookStore
from postlab.replies import (
    TRIAGE_OPTIONS,
    Comment,
    check_reply,
    judge_triage,
    load_comments,
    triage_options,
)
from postlab.widgets._a11y import AccessibleView, live, setup

__all__ = ["ReplyDesk"]

_COLOURS = {"error": "#c5221f", "warning": "#b06000", "tip": "#1a73e8"}


class ReplyDesk(AccessibleView, widgets.VBox):
    """Work through a queue of public comments: triage, reply, get feedback.

    Parameters
    ----------
    comments : sequence of Comment, optional
        The queue (default: ``load_comments()``).
    platform : str
        Platform whose limit the replies must fit.
    store : WorkbookStore, optional
        Where progress is saved (``ex.store`` in an exercise notebook).
    key : str
        Key of the saved progress in ``store``.

    Example
    -------
    >>> desk = ReplyDesk()
    >>> desk.triage = "answer"; desk.value = "Thanks! Yes. Apply at https://example.com/a"
    >>> desk.submit()["triage_score"]
    1.0
    """

    def __init__(
        self,
        comments: tuple[Comment, ...] | None = None,
        *,
        platform: str = "x",
        store: WorkbookStore | None = None,
        key: str = "reply-desk",
    ) -> None:
        self.comments = tuple(comments) if comments is not None else load_comments()
        self._platform = platform
        self._store = store
        self._key = key
        self.results: dict[str, dict] = {}
        self._drafts: dict[str, dict] = {}
        self.index = 0
        self._loading = False
        labels = triage_options()
        self._position = live(widgets.HTML())
        self._comment = widgets.HTML()
        self._triage = widgets.Dropdown(
            options=[("Choose a triage...", "")] + [(labels[k], k) for k in TRIAGE_OPTIONS],
            value="",
            description="Triage",
            layout=widgets.Layout(width="100%"),
        )
        self._reply = widgets.Textarea(
            placeholder="Write your reply here...",
            description="Your reply",
            continuous_update=True,
            layout=widgets.Layout(width="100%", height="90px"),
        )
        self._reply.add_class("postlab-reply-box")
        self._findings = live(widgets.HTML())
        self._findings.add_class("postlab-reply-findings")
        self._preview = widgets.HTML()
        self._feedback = live(widgets.HTML())
        self._previous = widgets.Button(description="Previous", tooltip="Previous comment")
        self._submit = widgets.Button(description="Submit", button_style="primary")
        self._next = widgets.Button(description="Next", tooltip="Next comment")
        super().__init__(
            [
                self._position,
                self._comment,
                self._triage,
                self._reply,
                self._findings,
                self._preview,
                widgets.HBox([self._previous, self._submit, self._next]),
                self._feedback,
            ]
        )
        self.add_class("postlab-reply-desk")
        setup(self, "Reply desk")
        self._load()
        self._reply.observe(self._changed, names="value")
        self._triage.observe(self._changed, names="value")
        self._submit.on_click(lambda _b: self.submit())
        self._next.on_click(lambda _b: self.go(self.index + 1))
        self._previous.on_click(lambda _b: self.go(self.index - 1))
        self._show_comment()

    # -- public face -------------------------------------------------------------------------
    @property
    def comment(self) -> Comment:
        """The comment on screen."""
        return self.comments[self.index]

    @property
    def value(self) -> str:
        """The reply in the box."""
        return self._reply.value

    @value.setter
    def value(self, text: str) -> None:
        self._reply.value = text

    @property
    def triage(self) -> str:
        """The triage choice ("" when none)."""
        return self._triage.value

    @triage.setter
    def triage(self, choice: str) -> None:
        self._triage.value = choice

    @property
    def score(self) -> float:
        """Mean score (0-100) over the comments submitted so far."""
        if not self.results:
            return 0.0
        return sum(r["score"] for r in self.results.values()) / len(self.results)

    def go(self, index: int) -> None:
        """Show comment ``index`` (kept within the queue)."""
        self._remember()
        self.index = max(0, min(int(index), len(self.comments) - 1))
        self._show_comment()
        self._save()

    def submit(self) -> dict | None:
        """Judge the triage and the reply of the comment on screen; returns the result."""
        comment = self.comment
        if not self.triage:
            self._feedback.value = "<p>Choose a triage first.</p>"
            return None
        try:
            verdict = judge_triage(comment, self.triage)
            needs_reply = self.triage in ("answer", "answer_private", "correct", "escalate")
            report = check_reply(self.value, comment=comment, platform=self._platform)
        except (ValueError, TypeError) as error:  # a sentence, never a traceback
            self._feedback.value = f"<p>That could not be checked: {html.escape(str(error))}</p>"
            return None
        reply_score = report.score if needs_reply else 100
        score = round(50 * verdict.score + 0.5 * reply_score, 1)
        result = {
            "triage": self.triage,
            "reply": self.value,
            "triage_score": verdict.score,
            "reply_score": reply_score,
            "score": score,
        }
        self.results[comment.id] = result
        self._feedback.value = (
            f'<div class="postlab-reply-feedback"><b>Score {score:.0f} / 100.</b> '
            f"{html.escape(verdict.message)}"
            + ("" if needs_reply else " No reply is needed for this choice.")
            + "</div>"
        )
        self._save()
        return result

    # -- internals ---------------------------------------------------------------------------
    def _changed(self, _change: dict) -> None:
        if self._loading:
            return
        self._show_checks()
        self._remember()
        self._save()

    def _remember(self) -> None:
        """Keep the current triage and reply as a draft of this comment."""
        entry = self.results.get(self.comment.id, {})
        self._drafts[self.comment.id] = {
            "triage": self.triage,
            "reply": self.value,
            **{k: v for k, v in entry.items() if k not in ("triage", "reply")},
        }

    def _show_comment(self) -> None:
        c = self.comment
        self._position.value = (
            f"<b>Comment {self.index + 1} of {len(self.comments)}</b> "
            f"({len(self.results)} submitted)"
        )
        self._comment.value = (
            f'<div class="postlab-comment"><i>On "{html.escape(c.post)}"</i><br>'
            f"<b>{html.escape(c.author)}</b>: {html.escape(c.text)}</div>"
        )
        draft = self._drafts.get(c.id) or self.results.get(c.id) or {}
        self._loading = True
        self._triage.value = (
            draft.get("triage", "") if draft.get("triage") in TRIAGE_OPTIONS else ""
        )
        self._reply.value = draft.get("reply", "")
        self._loading = False
        done = self.results.get(c.id)
        self._feedback.value = (
            f"<p>Submitted earlier: score {done['score']:.0f} / 100.</p>" if done else ""
        )
        self._show_checks()

    def _show_checks(self) -> None:
        if not self.value.strip():
            self._findings.value = "<p>Write a reply to see the checks.</p>"
            self._preview.value = ""
            return
        try:
            report = check_reply(self.value, comment=self.comment, platform=self._platform)
        except (ValueError, TypeError) as error:
            self._findings.value = f"<p>{html.escape(str(error))}</p>"
            return
        items = "".join(
            f'<li class="postlab-{f.severity}" data-code="{f.code}" '
            f'style="color:{_COLOURS.get(f.severity, "#000")}">'
            f"{html.escape(f.message)} {html.escape(f.advice)}</li>"
            for f in report.findings
        )
        verdict = (
            "All reply checks pass." if not report.findings else f"Reply score {report.score}."
        )
        self._findings.value = f"<p>{verdict}</p><ul>{items}</ul>"
        shown = html.escape(self.value[:2_000]).replace("\n", "<br>")
        self._preview.value = (
            '<div class="postlab-reply-preview" style="border:1px solid #ccc;padding:6px">'
            f"<b>Preview</b><br>{shown}</div>"
        )

    def _load(self) -> None:
        if self._store is None:
            return
        saved = self._store.load(self._key)
        if not saved:
            return
        try:
            data = json.loads(saved)
        except (ValueError, TypeError):
            return  # an unreadable save never stops the desk; the workbook keeps its history
        ids = {c.id for c in self.comments}
        self.results = {k: v for k, v in (data.get("results") or {}).items() if k in ids}
        self._drafts = {k: v for k, v in (data.get("drafts") or {}).items() if k in ids}
        index = data.get("index", 0)
        self.index = index if isinstance(index, int) and 0 <= index < len(self.comments) else 0

    def _save(self) -> None:
        if self._store is None:
            return
        data = {
            "index": self.index,
            "results": self.results,
            "drafts": self._drafts,
        }
        self._store.save(self._key, json.dumps(data, ensure_ascii=False))
        notice = getattr(self._store, "notice", None)  # a failed save, in words
        if notice and "postlab-save-problem" not in self._findings.value:
            self._findings.value += (
                f'<div class="postlab-save-problem" style="color:#a50e0e">'
                f"{html.escape(notice)}</div>"
            )
