"""Charts everyone can read: each shown with its finding in words and, with numbers, a table.

One way to show a figure, used by the lessons, the widgets and the reports::

    from postlab.charts import show
    show(fig, alt="The plain version is easiest to read: 72, against 18 for the formal one.",
         table={"version": ["formal", "plain"], "reading ease": [18, 72]})

``show`` puts a PNG ``<img>`` whose ``alt`` is the finding (what a screen reader says instead
of the picture), and, when ``table=`` is given, the numbers behind the chart in a ``<details>``
the reader can open. The figure is saved with ``bbox_inches="tight"`` so no label is cut off,
then closed.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence
from typing import Any

from postlab.errors import PostLabTypeError, PostLabValueError

__all__ = ["Chart", "chart_html", "describe_extremes", "png", "show", "table_html"]

#: Words that say there is a chart without saying what it shows (not alt text).
_EMPTY_WORDS = {"chart", "graph", "plot", "figure", "image", "picture", "bar chart", "line chart"}


def _check_alt(alt: object) -> str:
    """The alt text, or a plain error naming ``alt`` when it says nothing."""
    if not isinstance(alt, str):
        msg = f"alt={alt!r:.60} ({type(alt).__name__}), must be str: the chart's main finding"
        raise PostLabTypeError(msg)
    words = " ".join(alt.split())
    if len(words) < 12 or words.lower().rstrip(".") in _EMPTY_WORDS:
        msg = (
            f"alt={alt!r}, must say what the chart shows in a sentence, for example "
            "'Reach peaks at 20:00, twice the morning's'"
        )
        raise PostLabValueError(msg)
    return words


def png(fig: Any, *, dpi: int = 80) -> bytes:
    """``fig`` as PNG bytes, cropped to its contents so no label is cut off."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _cell(value: object) -> str:
    """One table cell's text: whole numbers with separators, others to two decimals at most."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return html.escape(str(value))
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def table_html(table: Any, *, caption: str = "The numbers in the chart") -> str:
    """An accessible HTML table from a mapping of columns or a pandas DataFrame/Series.

    Column headers are ``<th scope="col">``; the first column is the row header
    (``<th scope="row">``); no header cell is left empty.
    """
    if hasattr(table, "to_frame") and not hasattr(table, "columns"):  # a pandas Series
        table = table.to_frame()
    if hasattr(table, "columns"):  # a pandas DataFrame: its index becomes the first column
        first = str(table.index.name or "")
        columns = {first or "row": list(table.index)}
        columns |= {str(c): list(table[c]) for c in table.columns}
    elif isinstance(table, Mapping):
        columns = {str(k): list(v) for k, v in table.items()}
    else:
        msg = f"table={table!r:.60}, must be a DataFrame, a Series or a dict of columns"
        raise PostLabTypeError(msg)
    names = list(columns)
    rows = zip(*columns.values(), strict=True)
    head = "".join(f'<th scope="col">{html.escape(n)}</th>' for n in names)
    body = "".join(
        f'<tr><th scope="row">{_cell(row[0])}</th>'
        + "".join(f"<td>{_cell(v)}</td>" for v in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="postlab-chart-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def chart_html(image: bytes, *, alt: str, table: Any = None) -> str:
    """HTML for a PNG chart: ``<img alt>`` with the finding, and an optional data table."""
    words = html.escape(_check_alt(alt), quote=True)
    data = base64.b64encode(image).decode("ascii")
    details = ""
    if table is not None:
        details = (
            "<details class='postlab-chart-data'><summary>Show the numbers as a table</summary>"
            f"{table_html(table)}</details>"
        )
    return (
        f'<figure class="postlab-chart" style="margin:0">'
        f'<img src="data:image/png;base64,{data}" alt="{words}" style="max-width:100%;'
        f'height:auto">{details}</figure>'
    )


class Chart:
    """A chart as a notebook shows it: HTML with alt text, and the finding as plain text."""

    def __init__(self, image: bytes, *, alt: str, table: Any = None) -> None:
        self.alt = _check_alt(alt)
        self.html = chart_html(image, alt=self.alt, table=table)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"text/html": self.html, "text/plain": f"Chart: {self.alt}"}


def show(fig: Any, *, alt: str, table: Any = None, dpi: int = 80) -> None:
    """Show ``fig`` in the notebook with ``alt`` (its main finding) and an optional table.

    Parameters
    ----------
    fig : matplotlib Figure
        The chart; it is closed afterwards, so it is not shown a second time.
    alt : str
        The chart's main finding in a sentence (what a screen reader reads instead).
    table : DataFrame, Series or dict of columns, optional
        The numbers behind the chart, offered in a table the reader can open.

    Raises
    ------
    PostLabValueError
        If ``alt`` is empty or only says "chart".

    Example
    -------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); _ = fig.subplots().bar(["a", "b"], [1, 3])
    >>> Chart(png(fig), alt="b is three times a.").alt
    'b is three times a.'
    """
    from IPython.display import display

    chart = Chart(png(fig, dpi=dpi), alt=alt, table=table)
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except (ImportError, TypeError):  # a Figure made without pyplot is not in its registry
        pass
    display(chart)


def describe_extremes(
    labels: Sequence[object], values: Sequence[float], *, what: str, unit: str = ""
) -> str:
    """A finding for a bar chart: which bar is highest and which is lowest, with the values.

    Example
    -------
    >>> describe_extremes(["X", "Facebook"], [80, 20], what="share of the limit used", unit=" %")
    'Highest share of the limit used: X (80 %); lowest: Facebook (20 %).'
    """
    pairs = list(zip(labels, values, strict=True))
    top = max(pairs, key=lambda p: p[1])
    low = min(pairs, key=lambda p: p[1])
    return (
        f"Highest {what}: {top[0]} ({_cell(round(top[1], 1))}{unit}); "
        f"lowest: {low[0]} ({_cell(round(low[1], 1))}{unit})."
    )
