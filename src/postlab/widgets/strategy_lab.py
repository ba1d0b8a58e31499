"""The strategy lab: build up to four weekly schedules, pick an objective, compare with intervals.

A thin view over :func:`postlab.strategies.compare`: each tab holds a weekly
grid (click a cell to place or remove a post, with the format and languages
chosen above the grid), the Compare button runs one comparison with a
progress bar, and the view shows the chart and a one-paragraph verdict.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import matplotlib.pyplot as plt

from postlab.audience import Audience
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

__all__ = ["HOURS", "StrategyLab"]

#: Hours shown in the weekly grid.
HOURS: tuple[int, ...] = tuple(range(6, 23))
_MAX_STRATEGIES = 4
_LANGS = (("Hindi + English", ("hi", "en")), ("Hindi", ("hi",)), ("English", ("en",)))
_SHORT = {"text": "txt", "image": "img", "video": "vid", "link": "lnk", "thread": "thr"}
_STARTS = ("daily-10am", "bilingual-morning-evening", "video-first", "reply-within-an-hour")


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
        self._name = widgets.Text(value=strategy.name, description="Name")
        self._format = widgets.Dropdown(options=list(FORMATS), value="image", description="Format")
        self._langs = widgets.Dropdown(options=_LANGS, value=("hi", "en"), description="Languages")
        self._cap = widgets.IntSlider(
            value=strategy.cap_per_day, min=1, max=8, description="Cap/day"
        )
        self._answer = widgets.FloatSlider(
            value=strategy.reply_policy.answer_share, min=0, max=1, step=0.1, description="Answer"
        )
        self._fast = widgets.Checkbox(
            value=strategy.reply_policy.fast, description="Answer within an hour"
        )
        self._cells: dict[tuple[str, int], widgets.Button] = {}
        cells = [widgets.Label("")] + [widgets.Label(f"{h:02d}") for h in HOURS]
        for day in WEEKDAYS:
            cells.append(widgets.Label(day.capitalize()))
            for hour in HOURS:
                button = widgets.Button(description="", layout=widgets.Layout(width="38px"))
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
        super().__init__([self._name, row, grid, replies])

    def _place(self, day: str, hour: int, fmt: str, langs: tuple[str, ...]) -> None:
        """Put a post in a cell and label the cell."""
        self._slots[(day, hour)] = (fmt, tuple(langs))
        cell = self._cells.get((day, hour))
        if cell is not None:
            cell.description = _SHORT[fmt]
            cell.tooltip = f"{fmt}, {'+'.join(langs)}"
            cell.button_style = "info"

    def toggle(self, day: str, hour: int) -> None:
        """Place a post with the chosen format and languages, or remove the one there."""
        if (day, hour) in self._slots:
            del self._slots[(day, hour)]
            cell = self._cells[(day, hour)]
            cell.description, cell.tooltip, cell.button_style = "", "", ""
        else:
            self._place(day, hour, self._format.value, self._langs.value)

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


class StrategyLab(widgets.VBox):
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
        self._plans = [_Plan(preset(name)) for name in _STARTS[:strategies]]
        self._tabs = widgets.Tab(children=self._plans)
        for i in range(len(self._plans)):
            self._tabs.set_title(i, f"Strategy {i + 1}")
        self._add = widgets.Button(description="Add a strategy", icon="plus")
        self._add.on_click(lambda _b: self.add_strategy())
        self._objective = widgets.Dropdown(options=_objectives(), description="Objective")
        self._button = widgets.Button(description="Compare", button_style="primary")
        self._button.on_click(lambda _b: self.run())
        self._progress = widgets.IntProgress(value=0, min=0, max=1, description="Runs")
        self._chart = widgets.Image(format="png")
        self._verdict = widgets.HTML()
        controls = widgets.HBox([self._objective, self._button, self._add, self._progress])
        super().__init__([self._tabs, controls, self._verdict, self._chart])
        self.add_class("postlab-strategy-lab")

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
        plan = _Plan(preset(_STARTS[len(self._plans)]))
        self._plans.append(plan)
        self._tabs.children = list(self._plans)
        self._tabs.set_title(len(self._plans) - 1, f"Strategy {len(self._plans)}")

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
            self._verdict.value = f"<p><b>Cannot compare yet:</b> {html.escape(str(err))}</p>"
            return None
        metric = self._objective.value
        self._verdict.value = f"<p>{html.escape(self.comparison.verdict(metric))}</p>"
        fig = self.comparison.plot(metric)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=80)
        plt.close(fig)
        self._chart.value = buffer.getvalue()
        return self.comparison
