"""Lesson 04's engagement simulator: change the post, press Simulate, see what moved.

A thin view over :func:`postlab.simulation.simulate`: controls build a
:class:`~postlab.simulation.Post`, the button runs one simulation (or 100, to
show luck against strategy), and the view draws reach over time, engagement
by kind and reach by segment, with the explanation in words.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from postlab.audience import Audience
from postlab.charts import Chart
from postlab.simulation import FORMATS, Post, SimulationResult, simulate
from postlab.simulation.defaults import KINDS
from postlab.widgets._a11y import AccessibleView, live, setup

__all__ = ["MIXES", "EngagementSimulator"]

#: Audience mixes a trainee can pick (segment shares; the rest keeps the default proportions).
MIXES: dict[str, dict[str, float] | None] = {
    "Typical state account": None,
    "Mostly seniors": {"seniors": 0.5},
    "Mostly students": {"students": 0.5},
    "Many critics": {"critics": 0.4},
    "Rural audience": {"rural_families": 0.6},
}
_SIZES = (1_000, 10_000, 50_000, 200_000, 1_000_000)
_LANGUAGES = (("Hindi", "hi"), ("English", "en"), ("Regional language", "regional"))
_MANY = 100


def _count(n: float, one: str, many: str) -> str:
    """``1 reply``, ``0 replies``, ``1,234 replies``: a rounded count with its noun."""
    return f"{n:,.0f} {one if round(n) == 1 else many}"


def _finding(result: SimulationResult) -> str:
    """The charts' main finding in a sentence: their alt text."""
    kinds = {k: result.engagements[k] for k in KINDS}
    top = max(kinds, key=kinds.__getitem__)
    seg = result.by_segment["reached"]
    return (
        f"The post reaches {_count(result.reach, 'person', 'people')} in "
        f"{result.reach_curves.shape[1] / 60:.0f} hours, most of them early; the most common "
        f"response: {_count(kinds[top], *_NOUNS[top])}; the segment reached most: "
        f"{str(seg.idxmax()).replace('_', ' ')} ({_count(seg.max(), 'person', 'people')})."
    )


_NOUNS = {
    "like": ("like", "likes"),
    "reply": ("reply", "replies"),
    "reshare": ("reshare", "reshares"),
    "click": ("link click", "link clicks"),
    "negative": ("negative reaction", "negative reactions"),
}


class EngagementSimulator(AccessibleView, widgets.VBox):
    """Controls for a post and an audience, a Simulate button, charts and an explanation.

    Parameters
    ----------
    followers : int
        Starting audience size (one of 1,000 / 10,000 / 50,000 / 200,000 / 1,000,000).
    platform : str
        Starting platform: ``"x"``, ``"facebook"`` or ``"instagram"``.
    seed : int
        Seed for the audience and the simulation, so a room sees the same numbers.

    Example
    -------
    >>> sim = EngagementSimulator(followers=10_000)
    >>> sim.run().reach > 0
    True
    """

    def __init__(self, *, followers: int = 50_000, platform: str = "x", seed: int = 2024) -> None:
        self._seed = seed
        self._audiences: dict[tuple, Audience] = {}
        self.result: SimulationResult | None = None
        style = {"description_width": "110px"}
        self._platform = widgets.Dropdown(
            options=[("X", "x"), ("Facebook", "facebook"), ("Instagram", "instagram")],
            value=platform,
            description="Platform",
            style=style,
        )
        self._hour = widgets.IntSlider(value=10, min=0, max=23, description="Hour", style=style)
        self._day = widgets.ToggleButtons(options=["weekday", "weekend"], description="Day")
        self._format = widgets.Dropdown(options=list(FORMATS), description="Format", style=style)
        self._languages = widgets.SelectMultiple(
            options=_LANGUAGES, value=("hi", "en"), rows=3, description="Languages", style=style
        )
        self._hashtags = widgets.IntSlider(
            value=0, min=0, max=10, description="Hashtags", style=style
        )
        self._cta = widgets.Checkbox(value=False, description="Call to action")
        self._followers = widgets.SelectionSlider(
            options=[(f"{n:,}", n) for n in _SIZES],
            value=followers if followers in _SIZES else 50_000,
            description="Followers",
            style=style,
        )
        self._mix = widgets.Dropdown(options=list(MIXES), description="Audience", style=style)
        self._many = widgets.ToggleButton(
            value=False, description=f"Run {_MANY} times", tooltip="Show luck against strategy"
        )
        self._button = widgets.Button(description="Simulate", button_style="primary")
        self._status = widgets.HTML()
        self._summary = widgets.HTML()
        self._plot = widgets.Output()
        self._explanation = widgets.HTML()
        self._figure = Figure(figsize=(11, 3.2), dpi=72)
        self._axes = self._figure.subplots(1, 3)
        # fixed margins: tight_layout on every redraw would cost more than the simulation
        self._figure.subplots_adjust(left=0.06, right=0.98, bottom=0.17, top=0.9, wspace=0.75)
        post_box = widgets.VBox(
            [self._platform, self._hour, self._day, self._format, self._languages]
        )
        more_box = widgets.VBox(
            [self._hashtags, self._cta, self._followers, self._mix, self._many, self._button]
        )
        super().__init__(
            [
                widgets.HBox([post_box, more_box]),
                self._status,
                self._summary,
                self._plot,
                self._explanation,
            ]
        )
        self.add_class("postlab-simulator")
        setup(self, "Engagement simulator")
        for shown in (self._status, self._summary, self._explanation):
            live(shown)
        self._results = widgets.VBox([self._summary, self._plot, self._explanation])
        self.children = (self.children[0], self._status, self._results, *self.children[5:])
        for control in (post_box.children + more_box.children)[:-2]:
            control.observe(lambda _c: self._mark_stale(), names="value")
        self._many.observe(lambda _c: self._mark_stale(), names="value")
        self._button.on_click(lambda _button: self.run())

    @property
    def post(self) -> Post:
        """The post described by the controls right now."""
        return Post(
            platform=self._platform.value,
            hour=self._hour.value,
            day=self._day.value,
            format=self._format.value,
            languages=tuple(self._languages.value),
            hashtags=self._hashtags.value,
            call_to_action=self._cta.value,
        )

    def _audience(self) -> Audience:
        """The audience for the current size, platform and mix (built once, then reused)."""
        key = (self._followers.value, self._platform.value, self._mix.value)
        if key not in self._audiences:
            self._audiences[key] = Audience.synthetic(
                followers=self._followers.value,
                platform=self._platform.value,
                mix=MIXES[self._mix.value],
                seed=self._seed,
            )
        return self._audiences[key]

    def _mark_stale(self) -> None:
        """Grey the shown result and say that it no longer matches the controls."""
        if self.result is not None and "postlab-stale" not in self._results._dom_classes:
            self._results.add_class("postlab-stale")
            self._status.value = (
                '<p class="postlab-working">The settings changed: the result below is out of '
                "date. Press <b>Simulate</b> to update it.</p>"
            )

    def run(self) -> SimulationResult | None:
        """Simulate the current post (what the button does); errors become a plain sentence."""
        self._results.add_class("postlab-stale")
        self._status.value = '<p class="postlab-working">Simulating...</p>'
        try:
            result = simulate(
                self.post, self._audience(), runs=_MANY if self._many.value else 1, seed=self._seed
            )
        except Exception as error:  # shown to the trainee as a sentence, never a traceback
            words = str(error) if isinstance(error, ValueError | TypeError) else repr(error)
            self._status.value = (
                '<p class="postlab-error" style="color:#c5221f">'
                f"That could not be simulated: {html.escape(words)}</p>"
            )
            return None
        self.result = result
        self._status.value = ""
        self._results.remove_class("postlab-stale")
        self._show(result)
        return result

    def _show(self, result: SimulationResult) -> None:
        """Headline, charts and explanation for ``result``."""
        runs = f" (mean of {result.n_runs} runs)" if result.n_runs > 1 else ""
        self._summary.value = (
            f"<b>Reach {_count(result.reach, 'person', 'people')}</b>, "
            f"{_count(result.impressions, 'impression', 'impressions')}, "
            f"{_count(result.engagements['like'], 'like', 'likes')}, "
            f"{_count(result.engagements['reply'], 'reply', 'replies')}, "
            f"{_count(result.engagements['reshare'], 'reshare', 'reshares')}{runs}. "
            f"Engagement rate by followers {result.engagement_rate.by_followers:.3%}, by reach "
            f"{result.engagement_rate.by_reach:.3%}."
        )
        items = "".join(f"<li>{html.escape(line)}</li>" for line in result.explain())
        self._explanation.value = f'<ul class="postlab-explanation">{items}</ul>'
        self._draw(result)

    def _draw(self, result: SimulationResult) -> None:
        """Redraw the one figure and show it as a PNG in the output area."""
        over_time, by_kind, by_segment = self._axes
        for ax in self._axes:
            ax.clear()
        hours = np.arange(result.reach_curves.shape[1]) / 60
        if result.n_runs > 1:
            low, mid, high = np.percentile(result.reach_curves, [2.5, 50, 97.5], axis=0)
            over_time.fill_between(hours, low, high, alpha=0.3, label="95 % of runs")
            over_time.plot(hours, mid, label="median run")
            over_time.legend(loc="lower right", fontsize=8)
        else:
            over_time.plot(hours, result.timeline["reach"].to_numpy())
        over_time.set(title="Reach over time", xlabel="hours after posting", ylabel="people")
        means = [result.engagements[k] for k in KINDS]
        if result.n_runs > 1:
            lows = result.runs[list(KINDS)].quantile(0.025).to_numpy()
            highs = result.runs[list(KINDS)].quantile(0.975).to_numpy()
            err = np.vstack([np.array(means) - lows, highs - np.array(means)]).clip(min=0)
            by_kind.bar(KINDS, means, yerr=err, capsize=3)
        else:
            by_kind.bar(KINDS, means)
        by_kind.set(title="Engagement by kind")
        seg = result.by_segment
        by_segment.barh([name.replace("_", " ") for name in seg.index], seg["reached"])
        by_segment.set(title="Reach by segment", xlabel="people")
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png")
        self._plot.outputs = ()
        self._plot.append_display_data(Chart(buffer.getvalue(), alt=_finding(result)))
