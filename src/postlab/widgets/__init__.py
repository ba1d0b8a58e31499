"""Thin views over the engines, for trainees. Import the one you need, e.g.
``from postlab.widgets.live_counter import LiveCounter``."""
