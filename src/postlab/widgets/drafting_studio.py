"""The drafting studio: type a post, see it counted, previewed and checked live.

A thin view over ``postlab.drafting.analyze``: one engine call per selected
platform per keystroke; HTML widgets are created once and only their values
change (no flicker). Everything the trainee typed is escaped before display.
"""

from __future__ import annotations

import html
from typing import Protocol

import ipywidgets as widgets

from postlab.drafting import Report, analyze
from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.platforms import get_platform, platform_names
from postlab.widgets._a11y import AccessibleView, live, setup
from postlab.widgets.counter import counter_state

__all__ = ["DEFAULT_ACCOUNT", "DraftStore", "DraftingStudio"]

DEFAULT_ACCOUNT = "Navapur Department of Public Information"
"""The fictional account shown as the author of the preview unless ``account=`` says another."""

_CSS = """<style>
.postlab-drafting-studio .postlab-counter span {font-weight:600; padding:0 .4em; border-radius:.3em}
.postlab-counter .postlab-ok {color:#1b5e20; background:#e8f5e9}
.postlab-counter .postlab-amber {color:#7a4f00; background:#fff3cd}
.postlab-counter .postlab-red {color:#b71c1c; background:#fdecea}
.postlab-preview {border:1px solid #ccd; border-radius:.6em; padding:.6em .8em; max-width:34em;
  font-family:system-ui,sans-serif; white-space:pre-wrap; word-wrap:break-word}
.postlab-preview .postlab-who {font-weight:700}
.postlab-preview .postlab-handle {color:#667}
.postlab-preview .postlab-alt {color:#556; font-size:.85em; border-top:1px dashed #ccd;
  margin-top:.4em}
.postlab-findings .postlab-heading {margin:.4em 0 .1em; font-weight:700}
.postlab-preview .postlab-over {background:#fdecea; color:#7f0000; text-decoration:line-through}
.postlab-preview .postlab-more {color:#3c4043; font-weight:600}
.postlab-findings .postlab-error {color:#b71c1c}
.postlab-findings .postlab-warning {color:#7a4f00}
.postlab-findings .postlab-tip {color:#0d47a1}
</style>"""

_HEADINGS = {"error": "Must fix", "warning": "Worth fixing", "tip": "Tips"}


class DraftStore(Protocol):
    """Where drafts are kept between sessions (the exercises workbook, for example)."""

    def load(self, key: str) -> str | None:
        """The saved value, or None."""

    def save(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key``."""


def _counter_html(report: Report, name: str) -> str:
    css = f"postlab-{counter_state(report.length, report.limit)}"
    return (
        f'<span class="{css}" title="{html.escape(name)}">'
        f"{html.escape(name)}: {report.length} / {report.limit}</span>"
    )


#: Characters of a caption the feed shows before "... more" (Instagram cuts at about 125).
_FEED_CUT = {"instagram": 125, "facebook": 480, "linkedin": 210}


def _preview_body(report: Report, key: str) -> str:
    """The post as the platform shows it: what is over the limit struck out, a feed cut marked."""
    text = report.text
    if not text:
        return "<i>(empty)</i>"
    if report.length > report.limit:
        keep = max(0, len(text) - (report.length - report.limit))
        over = len(text) - keep
        return (
            f"{html.escape(text[:keep])}<span class='postlab-over' title='over the limit'>"
            f"{html.escape(text[keep:])}</span>"
            f"<div class='postlab-more'>{over:,} {'character' if over == 1 else 'characters'} "
            "over the limit would be cut or refused.</div>"
        )
    cut = _FEED_CUT.get(key)
    if cut and len(text) > cut:
        return (
            f"{html.escape(text[:cut])}<span class='postlab-more'>... more</span>"
            "<div class='postlab-more'>The feed shows only the part before \"... more\": "
            "put the key fact there.</div>"
        )
    return html.escape(text)


def _preview_html(report: Report, name: str, account: str, key: str = "") -> str:
    body = _preview_body(report, key)
    alt = ""
    if report.has_image:
        described = html.escape(report.alt_text or "") or "<b>no alt text</b>"
        alt = f'<div class="postlab-alt">[image] alt text: {described}</div>'
    return (
        '<div class="postlab-preview"><div>'
        f'<span class="postlab-who">{html.escape(account)}</span> '
        f'<span class="postlab-handle">on {html.escape(name)}</span></div>'
        f"<div>{body}</div>{alt}</div>"
    )


def _findings_html(reports: dict[str, Report]) -> str:
    multi = len(reports) > 1
    groups: dict[str, dict[tuple[str, str], tuple[object, list[str]]]] = {s: {} for s in _HEADINGS}
    for key, report in reports.items():
        name = get_platform(key).name
        for f in report.findings:
            entry = groups[f.severity].setdefault((f.code, f.message), (f, []))
            entry[1].append(name)
    parts = []
    for severity, heading in _HEADINGS.items():
        if not groups[severity]:
            continue
        items = []
        for f, names in groups[severity].values():
            where = f" <small>({html.escape(', '.join(names))})</small>" if multi else ""
            items.append(
                f"<li><b>{html.escape(f.message)}</b> {html.escape(f.advice)}{where}</li>"  # type: ignore[attr-defined]
            )
        parts.append(
            f'<p class="postlab-heading postlab-{severity}">{heading}</p>'
            f'<ul class="postlab-{severity}">' + "".join(items) + "</ul>"
        )
    return "".join(parts) or "<p>No findings: ready to post.</p>"


class DraftingStudio(AccessibleView, widgets.VBox):
    """Write a post and watch it counted, previewed and checked for each platform.

    Parameters
    ----------
    text : str, default ""
        Starting draft (a saved draft in ``store`` takes precedence).
    platforms : sequence of str, default ("x",)
        Platforms shown at first; the trainee can pick others.
    alt_text : str or None, keyword-only
        Alt text of the post's image; giving it ticks "post has an image".
    store : object with ``load(key)`` and ``save(key, value)``, keyword-only
        Keeps the draft as the trainee types; None keeps nothing.
    key : str, keyword-only, default "drafting-studio"
        Name under which the draft is kept in ``store``.
    account : str, keyword-only, default "Navapur Department of Public Information"
        Name of the (fictional) account shown as the author in the previews.

    Raises
    ------
    PostLabTypeError
        If ``text`` or ``account`` is not a str.
    PostLabValueError
        If ``account`` is blank, or a platform is not in the platform table.

    Example
    -------
    >>> studio = DraftingStudio("Camp today. Call 1800-000-0000", platforms=("x", "instagram"))
    >>> sorted(studio.reports), studio.reports["x"].fits
    (['instagram', 'x'], True)
    """

    def __init__(
        self,
        text: str = "",
        platforms: tuple[str, ...] | list[str] = ("x",),
        *,
        alt_text: str | None = None,
        store: DraftStore | None = None,
        key: str = "drafting-studio",
        account: str = DEFAULT_ACCOUNT,
    ) -> None:
        if not isinstance(text, str):
            msg = f"text={text!r:.60} ({type(text).__name__}), must be str"
            raise PostLabTypeError(msg)
        if not isinstance(account, str):
            msg = (
                f"account={account!r:.60} ({type(account).__name__}), must be str: "
                "the account name shown as the author, e.g. 'Navapur Health Department'"
            )
            raise PostLabTypeError(msg)
        if not account.strip():
            msg = (
                f"account={account!r}, must name the account shown as the author, "
                "e.g. 'Navapur Health Department'"
            )
            raise PostLabValueError(msg)
        self._account = account.strip()
        if isinstance(platforms, str):
            platforms = (platforms,)
        keys = tuple(get_platform(p).key for p in platforms)
        self._store = store
        self._key = key
        if store is not None:
            saved_text = store.load(f"{key}/text")
            saved_alt = store.load(f"{key}/alt_text")
            text = saved_text if saved_text is not None else text
            alt_text = saved_alt if saved_alt is not None else alt_text
        self._reports: dict[str, Report] = {}
        self._text = widgets.Textarea(
            value=text,
            placeholder="Write your post here",
            description="Your post",
            continuous_update=True,
            layout=widgets.Layout(width="100%", height="8em"),
        )
        self._platforms = widgets.SelectMultiple(
            options=[(get_platform(k).name, k) for k in platform_names()],
            value=keys,
            description="Platforms",
            rows=4,
        )
        self._has_image = widgets.Checkbox(
            value=alt_text is not None, description="Post has an image"
        )
        self._alt = widgets.Text(
            value=alt_text or "",
            placeholder="Alt text: describe the image",
            description="Alt text",
            continuous_update=True,
            layout=widgets.Layout(width="100%"),
        )
        self._counter = live(widgets.HTML())
        self._counter.add_class("postlab-counter")
        self._previews = {
            k: widgets.HTML(layout=widgets.Layout(display="none")) for k in platform_names()
        }
        for preview in self._previews.values():
            preview.add_class("postlab-preview-box")
        self._findings = live(widgets.HTML(layout=widgets.Layout(width="40%", min_width="16em")))
        self._findings.add_class("postlab-findings")
        self._preview_box = widgets.VBox(list(self._previews.values()))
        # The findings sit beside the box being typed in, where the trainee is looking.
        writing = widgets.VBox([self._text, self._counter], layout=widgets.Layout(width="60%"))
        super().__init__(
            children=[
                widgets.HTML(_CSS),
                widgets.HBox([writing, self._findings]),
                widgets.HBox([self._platforms, widgets.VBox([self._has_image, self._alt])]),
                self._preview_box,
            ]
        )
        self.add_class("postlab-drafting-studio")
        setup(self, "Drafting studio")
        for control in (self._text, self._platforms, self._has_image, self._alt):
            control.observe(self._on_change, names="value")
        self._refresh()

    @property
    def value(self) -> str:
        """The draft text."""
        return self._text.value

    @value.setter
    def value(self, text: str) -> None:
        self._text.value = text

    @property
    def reports(self) -> dict[str, Report]:
        """The latest report for each selected platform."""
        return dict(self._reports)

    def _on_change(self, change: dict) -> None:
        """Re-check the draft and keep it in the store."""
        self._refresh()
        if self._store is not None:
            self._store.save(f"{self._key}/text", self._text.value)
            if self._has_image.value:
                self._store.save(f"{self._key}/alt_text", self._alt.value)
            notice = getattr(self._store, "notice", None)  # a failed save, in words
            if notice:
                self._findings.value += (
                    f'<div class="postlab-save-problem" style="color:#a50e0e">'
                    f"{html.escape(notice)}</div>"
                )

    def _refresh(self) -> None:
        """Analyse for each selected platform and update the HTML in place."""
        alt = self._alt.value if self._has_image.value else None
        selected = tuple(self._platforms.value)
        self._reports = {
            k: analyze(self._text.value, k, alt_text=alt, has_image=self._has_image.value)
            for k in selected
        }
        self._counter.value = " ".join(
            _counter_html(r, get_platform(k).name) for k, r in self._reports.items()
        )
        self._show_previews()
        self._findings.value = _findings_html(self._reports)

    def _show_previews(self) -> None:
        """One preview per platform, in the counters' order; identical ones shown once, named."""
        groups: dict[str, list[str]] = {}
        for k, report in self._reports.items():
            groups.setdefault(_preview_body(report, k) + str(report.has_image), []).append(k)
        shown = []
        for keys in groups.values():
            first = keys[0]
            names = ", ".join(get_platform(k).name for k in keys)
            preview = self._previews[first]
            preview.value = _preview_html(self._reports[first], names, self._account, first)
            preview.layout.display = ""
            shown.append(preview)
        for preview in self._previews.values():
            if preview not in shown:
                preview.layout.display = "none"
        rest = [p for p in self._previews.values() if p not in shown]
        if list(self._preview_box.children) != shown + rest:
            self._preview_box.children = shown + rest
