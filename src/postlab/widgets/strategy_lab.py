"""The strategy lab: build up to four weekly schedules, pick an objective, compare with intervals.

A thin view over :func:`postlab.strategies.compare`: each tab holds a weekly
grid (click a cell to place or remove a post, with the format and languages
chosen above the grid), the Compare button runs one comparison with a
progress bar, and the view shows the chart and a one-paragraph verdict.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
from ipywidgets.widgets.widget_string import LabelStyle

from postlab.audience import Audience
from postlab.charts import chart_html, png
from postlab.errors import PostLabError
from postlab.simulation import FORMATS
from postlab.simulation.segments import segment_specs
from postlab.strategies import (
    OBJECTIVES,
    WEEKDAYS,
    Comparison,
    ReplyPolicy,
    ScheduledPost,
    Strategy,
    compare,
    preset,
)
from postlab.widgets._a11y import AccessibleView, live, setup

__all__ = ["HOURS", "StrategyLab"]

#: Hours shown in the weekly grid.
HOURS: tuple[int, ...] = tuple(range(6, 23))
_MAX_STRATEGIES = 4
_LANGS = (("Hindi + English", ("hi", "en")), ("Hindi", ("hi",)), ("English", ("en",)))
_SHORT = {"text": "txt", "image": "img", "video": "vid", "link": "lnk", "thread": "thr"}
_STARTS = ("daily-10am", "bilingual-morning-evening", "video-first", "reply-within-an-hour")
_FORMAT_WORDS = {
    "text": "text",
    "image": "image",
    "video": "video",
    "link": "link",
    "thread": "thread",
}
_LANG_WORDS = {"hi": "Hindi", "en": "English", "regional": "regional language"}
#: Program names in engine messages, as the trainee sees them on screen.
_PLAIN = {"cap_per_day": "“Posts a day, at most”", "answer_share": "“Share answered”"}


def _plain(message: str) -> str:
    """An engine message with program names replaced by the labels on screen."""
    for code, words in _PLAIN.items():
        message = message.replace(code, words)
    return message


def _cell_tip(day: str, hour: int, post: tuple[str, tuple[str, ...]] | None) -> str:
    """The cell's accessible name: where it is and what is there (its state)."""
    where = f"{day.capitalize()} {hour:02d}:00"
    if post is None:
        return f"{where}: no post. Press to place a post."
    fmt, langs = post
    words = " and ".join(_LANG_WORDS.get(code, code) for code in langs)
    return f"{where}: {fmt} post in {words}. Press to remove it."


def _objectives() -> dict[str, str]:
    """Objectives a trainee can pick, including reaching each segment."""
    out = dict(OBJECTIVES)
    for spec in segment_specs():
        out[f"Reach {spec.label}"] = f"reach_{spec.name}"
    return out


class _Plan(widgets.VBox):
    """One strategy's controls: name, painting format and language, grid, cap, replies."""

    def __init__(self, strategy: Strategy) -> None:
        self._slots: dict[tuple[str, int], tuple[str, tuple[str, ...]]] = {}
        self._name = widgets.Text(value=strategy.name, description="Strategy name")
        self._format = widgets.Dropdown(options=list(FORMATS), value="image", description="Format")
        self._langs = widgets.Dropdown(options=_LANGS, value=("hi", "en"), description="Languages")
        wide = {"description_width": "initial"}
        self._cap = widgets.IntSlider(
            value=strategy.cap_per_day, min=1, max=8, description="Posts a day, at most", style=wide
        )
        self._answer = widgets.FloatSlider(
            value=strategy.reply_policy.answer_share,
            min=0,
            max=1,
            step=0.1,
            description="Share answered",
            readout_format=".0%",
            style=wide,
        )
        self._fast = widgets.Checkbox(
            value=strategy.reply_policy.fast, description="Answer within an hour"
        )
        self._cells: dict[tuple[str, int], widgets.Button] = {}
        self.on_change = None  # set by the lab: called when a cell is placed or removed
        # One layout and one style shared by all 119 grid cells: a new tab sends a third of the
        # widget messages it would with one of each per cell (Add a strategy took 1.3 s).
        cell_layout = widgets.Layout(width="38px", height="26px", padding="0")
        label_layout = widgets.Layout(width="38px")
        style = widgets.ButtonStyle()
        label_style = LabelStyle()
        cells = [widgets.Label("Day", layout=label_layout, style=label_style)] + [
            widgets.Label(f"{h:02d}", layout=label_layout, style=label_style) for h in HOURS
        ]
        for day in WEEKDAYS:
            cells.append(widgets.Label(day.capitalize(), layout=label_layout, style=label_style))
            for hour in HOURS:
                button = widgets.Button(
                    description="\u00a0",
                    tooltip=_cell_tip(day, hour, None),
                    layout=cell_layout,
                    style=style,
                )
                button.add_class("postlab-cell")
                button.add_class("postlab-toggle")
                button.on_click(lambda _b, d=day, h=hour: self.toggle(d, h))
                self._cells[(day, hour)] = button
                cells.append(button)
        grid = widgets.GridBox(
            cells,
            layout=widgets.Layout(grid_template_columns=f"40px repeat({len(HOURS)}, 40px)"),
        )
        for post in strategy.posts:
            self._place(post.day, post.hour, post.format, post.languages)
        row = widgets.HBox([self._format, self._langs])
        replies = widgets.HBox([self._cap, self._answer, self._fast])
        legend = widgets.HTML(
            "<small>Press a cell to place a post with the format and languages above; press it "
            "again to remove it. Cells with a post are dark and name the format "
            "(img = image, vid = video, txt = text, lnk = link, thr = thread).</small>"
        )
        super().__init__([self._name, row, legend, grid, replies])

    def _place(self, day: str, hour: int, fmt: str, langs: tuple[str, ...]) -> None:
        """Put a post in a cell and label the cell."""
        self._slots[(day, hour)] = (fmt, tuple(langs))
        cell = self._cells.get((day, hour))
        if cell is not None:
            cell.description = _SHORT[fmt]
            cell.tooltip = _cell_tip(day, hour, (fmt, tuple(langs)))
            cell.add_class("postlab-on")

    def toggle(self, day: str, hour: int) -> None:
        """Place a post with the chosen format and languages, or remove the one there."""
        if (day, hour) in self._slots:
            del self._slots[(day, hour)]
            cell = self._cells[(day, hour)]
            # a non-breaking space, not "": ipywidgets keeps the old label when both the
            # description and the icon are empty, so "img" stayed behind a removed post
            cell.description = "\u00a0"
            cell.tooltip = _cell_tip(day, hour, None)
            cell.remove_class("postlab-on")
        else:
            self._place(day, hour, self._format.value, self._langs.value)
        if self.on_change is not None:
            self.on_change()

    def strategy(self) -> Strategy:
        """The strategy the controls describe (raises a plain error when it is not valid)."""
        posts = [
            ScheduledPost(day=day, time=f"{hour:02d}:00", format=fmt, languages=langs)
            for (day, hour), (fmt, langs) in self._slots.items()
        ]
        policy = ReplyPolicy(
            answer_share=round(float(self._answer.value), 2),
            within_minutes=60 if self._fast.value else 480,
            staffed_from=8 if self._fast.value else 10,
            staffed_until=22 if self._fast.value else 18,
        )
        name = self._name.value.strip() or "Unnamed"
        return Strategy(name=name, posts=posts, cap_per_day=self._cap.value, reply_policy=policy)


class StrategyLab(AccessibleView, widgets.VBox):
    """Up to four strategies side by side, an objective, a Compare button and the verdict.

    Parameters
    ----------
    strategies : int
        How many strategies to show at first (1 to 4), started from presets.
    followers : int
        Audience size (on X).
    runs : int
        Runs per strategy.
    seed : int
        Seed for the audience and the comparison, so a room sees the same numbers.

    Example
    -------
    >>> lab = StrategyLab(strategies=2, followers=2_000, runs=20)
    >>> lab.run().n_runs
    20
    """

    def __init__(
        self, *, strategies: int = 2, followers: int = 20_000, runs: int = 100, seed: int = 2024
    ) -> None:
        if not 1 <= strategies <= _MAX_STRATEGIES:
            msg = f"strategies={strategies}, must be between 1 and {_MAX_STRATEGIES}"
            raise ValueError(msg)
        self._followers, self._runs, self._seed = followers, runs, seed
        self._audience: Audience | None = None
        self.comparison: Comparison | None = None
        self._plans = [self._new_plan(name) for name in _STARTS[:strategies]]
        self._tabs = widgets.Tab(children=self._plans)
        for i in range(len(self._plans)):
            self._tabs.set_title(i, f"Strategy {i + 1}")
        self._add = widgets.Button(description="Add a strategy", icon="plus")
        self._add.on_click(lambda _b: self.add_strategy())
        self._objective = widgets.Dropdown(options=_objectives(), description="Objective")
        self._button = widgets.Button(description="Compare", button_style="primary")
        self._button.on_click(lambda _b: self.run())
        self._progress = widgets.IntProgress(value=0, min=0, max=1, description="Runs done")
        self._status = live(widgets.HTML())
        self._verdict = live(widgets.HTML())
        self._chart = widgets.HTML()
        self._objective.observe(lambda _c: self._mark_stale(), names="value")
        controls = widgets.HBox([self._objective, self._button, self._add, self._progress])
        results = widgets.VBox([self._verdict, self._chart])
        self._results = results
        super().__init__([self._tabs, controls, self._status, results])
        self.add_class("postlab-strategy-lab")
        setup(self, "Strategy lab")

    @property
    def strategies(self) -> list[Strategy]:
        """The strategies as the tabs describe them."""
        return [plan.strategy() for plan in self._plans]

    @property
    def verdict(self) -> str:
        """The last verdict as plain text."""
        return html.unescape(self._verdict.value.replace("<p>", "").replace("</p>", ""))

    def add_strategy(self) -> None:
        """Add a tab (up to four), started from the next preset."""
        if len(self._plans) >= _MAX_STRATEGIES:
            return
        plan = self._new_plan(_STARTS[len(self._plans)])
        self._plans.append(plan)
        self._tabs.children = list(self._plans)
        self._tabs.set_title(len(self._plans) - 1, f"Strategy {len(self._plans)}")
        self._tabs.selected_index = len(self._plans) - 1
        self._add.disabled = len(self._plans) >= _MAX_STRATEGIES
        self._mark_stale()

    def _new_plan(self, name: str) -> _Plan:
        """A tab started from the preset ``name``, telling the lab when it changes."""
        plan = _Plan(preset(name))
        plan.on_change = self._mark_stale
        for control in (plan._name, plan._format, plan._langs, plan._cap, plan._answer):
            control.observe(lambda _c: self._mark_stale(), names="value")
        plan._fast.observe(lambda _c: self._mark_stale(), names="value")
        return plan

    def _mark_stale(self) -> None:
        """Grey the shown result and say it no longer matches the strategies."""
        if self.comparison is None or "postlab-stale" in self._results._dom_classes:
            return
        self._results.add_class("postlab-stale")
        self._status.value = (
            '<p class="postlab-working">The strategies changed: the result below is out of '
            "date. Press <b>Compare</b> to update it.</p>"
        )

    def toggle(self, strategy: int, day: str, hour: int) -> None:
        """Click the grid cell of ``strategy`` (0-based) at ``day`` and ``hour``."""
        self._plans[strategy].toggle(day, hour)

    def set_objective(self, metric: str) -> None:
        """Pick the objective by its metric name (for example ``"engagement_rate"``)."""
        self._objective.value = metric

    def _on_progress(self, done: int, total: int) -> None:
        """Move the progress bar."""
        self._progress.max = total
        self._progress.value = done

    def run(self) -> Comparison | None:
        """Compare the strategies on the chosen objective; show the chart and the verdict."""
        self._button.disabled = True
        self._results.add_class("postlab-stale")
        self._status.value = (
            '<p class="postlab-working">Comparing the strategies... the result below is out of '
            "date until this finishes.</p>"
        )
        try:
            return self._run_comparison()
        finally:
            self._button.disabled = False

    def _run_comparison(self) -> Comparison | None:
        """Run the comparison and show it (``run`` wraps it with the working sign)."""
        try:
            strategies = self.strategies
            if self._audience is None:
                self._audience = Audience.synthetic(followers=self._followers, seed=self._seed)
            self.comparison = compare(
                strategies,
                self._audience,
                runs=self._runs,
                seed=self._seed,
                progress=self._on_progress,
            )
        except PostLabError as err:
            self._status.value = ""
            self._results.remove_class("postlab-stale")
            self._chart.value = ""
            self.comparison = None
            self._verdict.value = (
                f"<p><b>Cannot compare yet:</b> {html.escape(_plain(str(err)))}</p>"
            )
            return None
        metric = self._objective.value
        verdict = self.comparison.verdict(metric)
        self._verdict.value = f"<p>{html.escape(verdict)}</p>"
        fig = self.comparison.plot(metric)
        rows = self.comparison.metric(metric)
        table = {
            "strategy": list(rows.index),
            "mean": [round(float(v), 4) for v in rows["mean"]],
            "95 % interval, low": [round(float(v), 4) for v in rows["low"]],
            "95 % interval, high": [round(float(v), 4) for v in rows["high"]],
        }
        self._chart.value = chart_html(png(fig), alt=verdict, table=table)
        plt.close(fig)
        self._status.value = ""
        self._results.remove_class("postlab-stale")
        return self.comparison
