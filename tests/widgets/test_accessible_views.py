"""Issue 14: what every PostLab view shares: names, live regions, a stand-in without kernel."""

from __future__ import annotations

import inspect

import ipywidgets as widgets
import matplotlib
import pytest

matplotlib.use("Agg")

from postlab.charts import Chart, chart_html, describe_extremes, png, show, table_html
from postlab.errors import PostLabValueError
from postlab.widgets import _a11y
from postlab.widgets.crisis_tabletop import CrisisTabletop
from postlab.widgets.drafting_studio import DraftingStudio
from postlab.widgets.gallery_view import GalleryView
from postlab.widgets.handin import HandInButton
from postlab.widgets.live_counter import LiveCounter
from postlab.widgets.reply_desk import ReplyDesk
from postlab.widgets.simulator import EngagementSimulator
from postlab.widgets.strategy_lab import StrategyLab, _Plan

VIEWS = (
    CrisisTabletop,
    DraftingStudio,
    EngagementSimulator,
    GalleryView,
    HandInButton,
    LiveCounter,
    ReplyDesk,
    StrategyLab,
    _Plan,
)
ALLOWED = {"_repr_mimebundle_", "_ipython_display_", "value", "__init__", "__doc__", "__module__"}


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.__name__)
def test_no_view_shadows_an_ipywidgets_name(view) -> None:
    # StrategyLab._compare once hid ipywidgets' Widget._compare: every sync from the browser
    # then failed with a TypeError (Run All of lesson 05 stopped at the lab).
    own = {
        name
        for name, member in vars(view).items()
        if not name.startswith("__")
        and (inspect.isfunction(member) or isinstance(member, property))
    }
    assert not (own & set(dir(widgets.VBox))) - ALLOWED
    # the regression itself: StrategyLab once defined _compare
    assert "_compare" not in vars(view)


def test_every_trainee_view_is_marked_named_and_carries_the_assets() -> None:
    for view in (
        DraftingStudio("Hello"),
        LiveCounter("Hello"),
        ReplyDesk(),
        CrisisTabletop(),
        StrategyLab(strategies=1, followers=2_000, runs=5),
        HandInButton("00-welcome", root="/nonexistent"),
    ):
        assert "postlab-widget" in view._dom_classes
        assert isinstance(view.children[-1], widgets.Output)
        html = view.children[-1].outputs[0]["data"]["text/html"]
        assert "aria-pressed" in html and "postlab-live" in html and ":focus-visible" in html
        plain = view._repr_mimebundle_()["text/plain"]
        assert "Run this cell again" in plain and "(" not in plain.split(":")[0]


def test_a_widget_shows_a_hint_for_when_its_kernel_has_gone(capsys) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shown = []
    shell = InteractiveShell.instance()
    shell.display_pub.publish = lambda data, **kw: shown.append(data)
    LiveCounter("Hello")._ipython_display_()
    assert "application/vnd.jupyter.widget-view+json" in shown[0]
    assert "Shift+Enter" in shown[1]["text/html"] and "postlab-rerun" in shown[1]["text/html"]


def test_alt_text_must_say_the_finding() -> None:
    from matplotlib.figure import Figure

    fig = Figure()
    fig.subplots().bar(["a", "b"], [1, 3])
    image = png(fig)
    for bad in ("", "chart", "Bar chart.", "   plot "):
        with pytest.raises(PostLabValueError, match="alt="):
            chart_html(image, alt=bad)
    page = chart_html(image, alt='b is three times a ("b" wins).', table={"x": ["a"], "y": [1]})
    assert 'alt="b is three times a (&quot;b&quot; wins)."' in page
    assert "<details" in page and '<th scope="row">a</th>' in page
    assert Chart(image, alt="b is three times a.")._repr_mimebundle_()["text/plain"] == (
        "Chart: b is three times a."
    )


def test_tables_have_no_empty_headers_and_plain_numbers() -> None:
    import pandas as pd

    frame = pd.DataFrame({"reach": [19516.0, 5268.4]}, index=["silence", "correction"])
    table = table_html(frame)
    assert "<th></th>" not in table and '<th scope="col">row</th>' in table
    assert "19,516" in table and "19516.0" not in table and "5,268.4" in table
    assert describe_extremes(["X", "Facebook"], [80.0, 20.0], what="use", unit=" %") == (
        "Highest use: X (80 %); lowest: Facebook (20 %)."
    )


def test_show_displays_html_with_alt_and_closes_the_figure(monkeypatch) -> None:
    import matplotlib.pyplot as plt

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    show(fig, alt="The line rises steadily from 1 to 3.")
    assert not plt.fignum_exists(fig.number)
    assert 'alt="The line rises steadily from 1 to 3."' in shown[0].html


def test_assets_are_installed_once_per_page() -> None:
    assert "if (window.__postlabA11y)" in _a11y.SCRIPT
