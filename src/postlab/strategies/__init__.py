"""Strategies as data, compared under common random numbers, and A/B tests read honestly.

The public face: :class:`Strategy` (with :class:`ScheduledPost`,
:class:`ReplyPolicy`, :class:`Partner`), :func:`load_strategy` /
:func:`save_strategy`, :func:`preset`, :func:`compare` returning a
:class:`Comparison`, and :func:`ab_test` returning an :class:`ABTest`.
"""

from __future__ import annotations

from postlab.strategies.abtest import VERDICTS, ABTest, ab_test
from postlab.strategies.compare import LOWER_IS_BETTER, OBJECTIVES, Comparison, compare
from postlab.strategies.presets import preset, preset_names, preset_path
from postlab.strategies.strategy import WEEKDAYS, Partner, ReplyPolicy, ScheduledPost, Strategy
from postlab.strategies.strategy_file import (
    StrategyFileError,
    load_strategy,
    save_strategy,
    strategy_from_yaml,
)

__all__ = [
    "LOWER_IS_BETTER",
    "OBJECTIVES",
    "VERDICTS",
    "WEEKDAYS",
    "ABTest",
    "Comparison",
    "Partner",
    "ReplyPolicy",
    "ScheduledPost",
    "Strategy",
    "StrategyFileError",
    "ab_test",
    "compare",
    "load_strategy",
    "preset",
    "preset_names",
    "preset_path",
    "save_strategy",
    "strategy_from_yaml",
]
