"""What every PostLab widget shares so everyone can use it: focus, contrast, names, live regions.

ipywidgets 8 gives controls a visible label but leaves three gaps that a thin view cannot close
from the kernel: slider handles have no accessible name, toggle buttons show their state only by
a shade of grey, and an HTML widget cannot carry ``aria-live``. :func:`assets` closes them with
one small stylesheet and one script, shown through an ``Output`` widget (whose outputs JupyterLab
trusts), and idempotent, so showing several widgets in a notebook installs it once. The script
only reads classes the kernel sets (``add_class``):

- ``postlab-widget`` on every PostLab view: the script and the stylesheet act only inside;
- ``postlab-live`` on a result that changes: it becomes ``role="status"`` (``aria-live=polite``);
- ``postlab-toggle`` on a button that is on or off, with ``postlab-on`` while it is on:
  ``aria-pressed`` follows, and its tooltip becomes its ``aria-label``;
- slider handles get ``aria-label`` from their widget's description.
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["CSS", "SCRIPT", "AccessibleView", "assets", "live", "setup", "widget_fallback"]

CSS = """
.postlab-widget :focus-visible, .postlab-widget .noUi-handle:focus {
  outline: 3px solid #0b57d0 !important; outline-offset: 2px; }
.postlab-widget .jupyter-button.mod-active, .postlab-widget .postlab-on {
  background: #0b3d91 !important; color: #ffffff !important; font-weight: 700; }
.postlab-widget .widget-toggle-buttons .jupyter-button.mod-active::before,
.postlab-widget .widget-toggle-button.mod-active::before { content: "\\2713  "; }
.postlab-widget .postlab-cell { padding: 0 !important; font-size: 11px; min-width: 0; }
.postlab-widget .widget-label { color: #1f1f1f; }
.postlab-widget .widget-readout { color: #1f1f1f; }
.postlab-widget .postlab-working { color: #5f4200; font-style: italic; }
.postlab-widget .postlab-stale { opacity: .45; }
"""

SCRIPT = r"""
(() => {
  if (window.__postlabA11y) { window.__postlabA11y(); return; }
  const set = (el, name, value) => {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  const fix = () => {
    for (const root of document.querySelectorAll('.postlab-widget')) {
      for (const el of root.querySelectorAll('.postlab-live')) {
        set(el, 'role', 'status'); set(el, 'aria-live', 'polite');
      }
      for (const handle of root.querySelectorAll('[role="slider"]')) {
        const box = handle.closest('.widget-slider') || handle.closest('.jupyter-widgets');
        const label = box && box.querySelector('.widget-label');
        const name = (label && label.textContent.trim())
          || (box && box.getAttribute('title')) || 'Value';
        set(handle, 'aria-label', name);
      }
      const toggles = '.widget-toggle-button, .widget-toggle-buttons button';
      for (const button of root.querySelectorAll(toggles)) {
        set(button, 'aria-pressed', String(button.classList.contains('mod-active')));
      }
      for (const button of root.querySelectorAll('.postlab-toggle')) {
        set(button, 'aria-pressed', String(button.classList.contains('postlab-on')));
        const title = button.getAttribute('title');
        if (title) set(button, 'aria-label', title);
      }
    }
  };
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  };
  window.__postlabA11y = later;
  new MutationObserver(later).observe(document.body,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'title']});
  later();
})();
"""


def assets() -> widgets.Output:
    """An output holding the stylesheet and the script (installed once per page)."""
    from IPython.display import HTML

    out = widgets.Output(layout=widgets.Layout(height="0px", overflow="hidden", margin="0"))
    out.append_display_data(HTML(f"<style>{CSS}</style><script>{SCRIPT}</script>"))
    return out


def live(widget: widgets.DOMWidget) -> widgets.DOMWidget:
    """Mark ``widget`` as a result that changes: screen readers announce its new text."""
    widget.add_class("postlab-live")
    return widget


def widget_fallback(name: str) -> str:
    """What a notebook shows in place of a widget whose kernel has gone (plain text)."""
    return (
        f"{name}: this widget needs a running kernel. Run this cell again "
        "(click it, then press Shift+Enter) to see it."
    )


_RERUN_HINT = (
    "<style>.jp-OutputArea-child:has(.postlab-widget) + .jp-OutputArea-child .postlab-rerun,"
    ".jp-OutputArea-child:has(.postlab-widget) + .jp-OutputArea-child:has(.postlab-rerun)"
    "{display:none}</style>"
    '<p class="postlab-rerun" style="margin:0;color:#4a4a4a">If you see "Error displaying '
    'widget" above, the notebook was reopened after its kernel stopped: click the cell and '
    "press <b>Shift+Enter</b> to run it again.</p>"
)


class AccessibleView:
    """Mixin for PostLab's views: a plain-text stand-in, and a hint when the kernel has gone.

    JupyterLab shows "Error displaying widget: model not found" for a widget whose kernel
    stopped; the hint under it says what to do, and hides itself while the widget is live.
    """

    #: The view's name in the plain-text stand-in.
    people_name = "This widget"

    def _repr_mimebundle_(self, **kwargs) -> dict | None:
        data = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if data:
            data["text/plain"] = widget_fallback(self.people_name)
        return data

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        data = self._repr_mimebundle_()
        if data:
            display(data, raw=True)
            display(HTML(_RERUN_HINT))


def setup(view: widgets.Box, name: str) -> None:
    """Make ``view`` a PostLab view: its class, its name, and the shared assets (last child)."""
    view.add_class("postlab-widget")
    view.people_name = name  # type: ignore[attr-defined]
    view.children = (*view.children, assets())
