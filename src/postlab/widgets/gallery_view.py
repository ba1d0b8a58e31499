"""The facilitator's gallery: pick a hand-in folder and a question, see the room's drafts."""

from __future__ import annotations

import html

import ipywidgets as widgets

from postlab.errors import PostLabError
from postlab.gallery import Gallery, gallery
from postlab.handin import handin_root
from postlab.widgets._a11y import AccessibleView, live, setup

__all__ = ["GalleryView"]


class GalleryView(AccessibleView, widgets.VBox):
    """A thin view over :func:`postlab.gallery.gallery` for the facilitator notebook.

    Parameters
    ----------
    folder : str, optional
        The hand-in folder (default: ``$POSTLAB_HANDIN_DIR`` or the kit's ``submissions/``).
    """

    def __init__(self, folder: str | None = None) -> None:
        self._folder = widgets.Text(
            value=str(handin_root(folder)), description="Hand-ins", layout={"width": "36em"}
        )
        self._question = widgets.Text(
            placeholder="blank: the question most trainees answered", description="Question"
        )
        self._anonymise = widgets.Checkbox(value=True, description="Hide names")
        self._button = widgets.Button(description="Show drafts", button_style="primary")
        self._view = live(widgets.HTML())
        self.shown: Gallery | None = None
        super().__init__(
            [
                self._folder,
                widgets.HBox([self._question, self._anonymise, self._button]),
                self._view,
            ]
        )
        self.add_class("postlab-gallery")
        setup(self, "Gallery")
        self._button.on_click(lambda _button: self.show())

    def show(self) -> Gallery | None:
        """Collect and show the drafts (what the button does); problems appear as a sentence."""
        try:
            self.shown = gallery(
                self._folder.value.strip(),
                question=self._question.value.strip() or None,
                anonymise=self._anonymise.value,
            )
        except (PostLabError, OSError) as exc:
            self.shown = None
            self._view.value = f"<p><b>No gallery yet.</b> {html.escape(str(exc))}</p>"
            return None
        self._view.value = self.shown.to_html()
        return self.shown
