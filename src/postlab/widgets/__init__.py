"""Thin views over the engines, for trainees: each wires controls to one engine call.

Loaded on first use, so ``import postlab.widgets`` does not start matplotlib::

    from postlab.widgets import DraftingStudio, EngagementSimulator, StrategyLab
"""

from __future__ import annotations

from postlab._lazy import lazy_attributes

_LAZY = {
    "CalendarPlanner": "postlab.widgets.campaign_planner",
    "CrisisTabletop": "postlab.widgets.crisis_tabletop",
    "DraftingStudio": "postlab.widgets.drafting_studio",
    "EngagementSimulator": "postlab.widgets.simulator",
    "GalleryView": "postlab.widgets.gallery_view",
    "HandInButton": "postlab.widgets.handin",
    "LiveCounter": "postlab.widgets.live_counter",
    "MeasuresTable": "postlab.widgets.campaign_planner",
    "ReplyDesk": "postlab.widgets.reply_desk",
    "SegmentPicker": "postlab.widgets.campaign_planner",
    "StrategyLab": "postlab.widgets.strategy_lab",
}

__all__ = list(_LAZY)


__getattr__, __dir__ = lazy_attributes("postlab.widgets", _LAZY)
