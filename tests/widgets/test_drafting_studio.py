"""The drafting studio in the kernel: type, read the counter, findings and previews."""

from __future__ import annotations

import pytest

from postlab.errors import PostLabTypeError, PostLabValueError
from postlab.widgets.drafting_studio import DraftingStudio


class MemoryStore:
    """A tiny in-memory stand-in for the exercises workbook."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self.saves = 0

    def load(self, key: str) -> str | None:
        return self.data.get(key)

    def save(self, key: str, value: str) -> None:
        self.data[key] = value
        self.saves += 1


def test_css_classes_for_the_browser_test():
    studio = DraftingStudio()
    assert "postlab-drafting-studio" in studio._dom_classes
    assert "postlab-counter" in studio._counter._dom_classes
    assert "postlab-findings" in studio._findings._dom_classes


def test_counter_turns_amber_then_red():
    studio = DraftingStudio()
    studio._text.value = "a" * 100
    assert (
        "X (Twitter): 100 / 280" in studio._counter.value and "postlab-ok" in studio._counter.value
    )
    studio._text.value = "a" * 260
    assert "260 / 280" in studio._counter.value and "postlab-amber" in studio._counter.value
    studio._text.value = "a" * 300
    assert "300 / 280" in studio._counter.value and "postlab-red" in studio._counter.value
    assert studio.value == "a" * 300 and not studio.reports["x"].fits


def test_findings_grouped_by_severity_with_advice():
    studio = DraftingStudio("URGENT " + "word " * 60, platforms=("x",))
    html = studio._findings.value
    assert html.index("Must fix") < html.index("Worth fixing")
    assert "too many" in html and "Cut words" in html and "capitals" in html


def test_script_is_shown_as_text_everywhere():
    studio = DraftingStudio(alt_text="<img src=x onerror=alert(1)>")
    studio._text.value = "<script>alert('x')</script> <b>bold</b>"
    everything = studio._counter.value + studio._findings.value + studio._previews["x"].value
    assert "<script>" not in everything and "<b>bold</b>" not in everything
    assert "&lt;script&gt;" in studio._previews["x"].value
    assert "<img" not in studio._previews["x"].value and "&lt;img" in studio._previews["x"].value


def test_several_platforms_at_once_and_preview_in_place():
    studio = DraftingStudio("Camp today. Call 1800-000-0000", platforms=("x", "instagram"))
    assert sorted(studio.reports) == ["instagram", "x"]
    assert "Instagram caption: 30 / 2200" in studio._counter.value
    before = studio.children
    studio._platforms.value = ("threads",)
    assert list(studio.reports) == ["threads"] and "Threads: 30 / 500" in studio._counter.value
    assert studio.children == before  # updated in place, not rebuilt
    assert (
        studio._previews["x"].layout.display == "none"
        and studio._previews["threads"].layout.display == ""
    )


def test_alt_text_box_drives_the_image_checks():
    studio = DraftingStudio("Camp today. Call 1800-000-0000")
    studio._has_image.value = True
    assert (
        studio.reports["x"].has("missing_alt_text") and "no alt text" in studio._previews["x"].value
    )
    studio._alt.value = "Doctor checking a child's eyes"
    assert not studio.reports["x"].has("missing_alt_text")


def test_store_saves_while_typing_and_restores():
    store = MemoryStore()
    studio = DraftingStudio(store=store)
    studio._text.value = "Draft one"
    studio._text.value = "Draft two #Navapur"
    assert store.data["drafting-studio/text"] == "Draft two #Navapur" and store.saves >= 2
    again = DraftingStudio("ignored starting text", store=store)
    assert again.value == "Draft two #Navapur" and again.reports["x"].hashtags == ["Navapur"]


def test_store_keys_keep_studios_apart():
    store = MemoryStore()
    DraftingStudio(store=store, key="q1")._text.value = "one"
    DraftingStudio(store=store, key="q2")._text.value = "two"
    assert DraftingStudio(store=store, key="q1").value == "one"


def test_unknown_platform_is_a_clear_error():
    with pytest.raises(PostLabValueError, match="choose one of"):
        DraftingStudio(platforms=("orkut",))


# Issue 3, problem 5: the preview always said "Navapur Health Department".
def test_issue3_preview_shows_the_default_account():
    studio = DraftingStudio("Camp today. Call 1800-000-0000")
    assert "Navapur Department of Public Information" in studio._previews["x"].value
    assert "Navapur Health Department" not in studio._previews["x"].value


def test_issue3_preview_shows_the_given_account_on_every_platform():
    studio = DraftingStudio(
        "Camp today. Call 1800-000-0000",
        platforms=("x", "facebook"),
        account="Navapur Water Board",
    )
    shown = [p.value for p in studio._preview_box.children if p.layout.display != "none"]
    # the post looks the same on both: one preview, naming both platforms (issue 14)
    assert len(shown) == 1 and "X (Twitter), Facebook" in shown[0]
    assert '<span class="postlab-who">Navapur Water Board</span>' in shown[0]
    studio._text.value = "x" * 300
    shown = [p.value for p in studio._preview_box.children if p.layout.display != "none"]
    assert len(shown) == 2 and all("Navapur Water Board" in v for v in shown)
    studio._text.value = "Camp moved to Friday. Call 1800-000-0000"
    assert "Navapur Water Board" in studio._previews["x"].value  # kept when the draft changes


def test_issue3_account_is_escaped():
    studio = DraftingStudio("Camp today", account="<b>Dept</b> & <script>x</script>")
    preview = studio._previews["x"].value
    assert "<script>" not in preview and "<b>Dept" not in preview
    assert "&lt;b&gt;Dept&lt;/b&gt; &amp; &lt;script&gt;" in preview


@pytest.mark.parametrize(
    ("account", "error", "pattern"),
    [
        (None, PostLabTypeError, r"account=None \(NoneType\), must be str"),
        (42, PostLabTypeError, r"account=42 \(int\), must be str"),
        ("  ", PostLabValueError, r"account='  ', must name the account"),
    ],
)
def test_issue3_bad_account_is_a_clear_error(account, error, pattern):
    with pytest.raises(error, match=pattern):
        DraftingStudio(account=account)


# Issue 14: feedback where the trainee looks; previews in the counters' order, no duplicates.
def test_issue14_findings_beside_the_box_and_previews_in_counter_order():
    studio = DraftingStudio("Camp today. " * 30, platforms=("x", "instagram", "facebook"))
    first_row = studio.children[1]
    assert studio._text in first_row.children[0].children and studio._findings in first_row.children
    counters = [n.split(":")[0] for n in studio._counter.value.split('title="')[1:]]
    counters = [c.split('"')[0] for c in counters]
    shown = [p.value for p in studio._preview_box.children if p.layout.display != "none"]
    assert len(shown) == 3 and len(set(shown)) == 3
    order = [next(name for name in counters if f"on {name}" in v) for v in shown]
    assert order == counters
    assert "over the limit" in shown[0] and "... more" in shown[1]


def test_issue14_studio_controls_are_named_and_results_announced():
    studio = DraftingStudio("Hello")
    assert studio._text.description and studio._alt.description
    assert "postlab-live" in studio._counter._dom_classes
    assert "postlab-live" in studio._findings._dom_classes
    assert "postlab-widget" in studio._dom_classes
    assert "<h4" not in studio._findings.value
    bundle = studio._repr_mimebundle_()
    assert "Run this cell again" in bundle["text/plain"]
