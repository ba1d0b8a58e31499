"""Plain words instead of tracebacks in exercise notebooks, and no stale verdicts.

Trainees type values, not programs, but an answer cell is still Python: a name
without quotes is a ``NameError``, ``08`` or Enter inside quotes a ``SyntaxError``.
:func:`install` (called by :func:`postlab.exercises.start`) makes IPython answer
each of these with one sentence that says what to change, and marks every name the
failed cell was assigning as :data:`BROKEN`, so the check below it says "fix the cell
above" instead of showing a verdict for an older value.
"""

from __future__ import annotations

import re
from typing import Any

from postlab.errors import PostLabError

__all__ = ["BROKEN", "install", "plain_error"]

#: A name like ``my_name = ...`` at the start of a line of an answer cell.
_ASSIGNED = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", re.MULTILINE)


class _Broken:
    """Stands in for an answer whose cell failed, until the cell runs again."""

    def __repr__(self) -> str:
        return "(the answer cell above did not run)"

    def to_answer_data(self) -> str:
        """A failed cell gives no answer: the grader sees it as not answered."""
        return "..."


#: The value of every name a failed answer cell was assigning.
BROKEN = _Broken()


def plain_error(etype: type[BaseException], value: BaseException, source: str = "") -> str:
    """One sentence on what to change, for the errors a trainee can cause in an answer cell."""
    text = str(value)
    if issubclass(etype, NameError):
        name = getattr(value, "name", None) or (re.findall(r"'([^']+)'", text) or ["that word"])[0]
        return (
            f"Python does not know the word {name!r}. If it is your answer in words, put it "
            f'between quotes, like "{name}"; if it is a name from above, run the cells above '
            "first (Run > Run All Above)."
        )
    if issubclass(etype, SyntaxError):
        line = getattr(value, "text", "") or ""
        if "leading zeros" in text or re.search(r"\b0\d", line):
            return "Write numbers without a 0 in front: 8, not 08."
        if "unterminated string" in text or "EOL while scanning" in text or "EOF" in text:
            return (
                "A text answer must stay on one line between its quotes (a line break ended "
                'it). Join the lines, or use three quotes on each side: """like this""".'
            )
        if "unmatched" in text or "never closed" in text or "was never closed" in text:
            return 'A bracket or quote is opened but not closed: check each ( [ { and " has a pair.'
        return (
            "Python cannot read this cell. Keep the shape shown: name = answer, with text in "
            'quotes, like my_name = "Asha".'
        )
    if issubclass(etype, PostLabError):
        return text  # PostLab's own messages are written for people already
    return (
        f"This cell stopped with a problem ({etype.__name__}). Run the cells above, then try again."
    )


def _mark_broken(shell: Any, source: str) -> None:
    for name in set(_ASSIGNED.findall(source or "")):
        shell.user_ns[name] = BROKEN


def install(shell: Any | None = None) -> bool:
    """Give ``shell`` (the running IPython, by default) the plain messages; True if installed.

    Installing twice is harmless; outside IPython it does nothing.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython is required by the kit
            return False
        shell = get_ipython()
    if shell is None or getattr(shell, "_postlab_safety", False):
        return shell is not None

    def friendly(self: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None):
        stb = [f"✋ {plain_error(etype, value)}"]
        self._showtraceback(etype, value, stb)  # IPython leaves showing it to the handler
        return stb

    shell.set_custom_exc((NameError, PostLabError), friendly)
    plain_syntax = shell.showsyntaxerror

    def showsyntaxerror(filename: str | None = None, running_compiled_code: bool = False) -> None:
        etype, value, _tb = shell._get_exc_info()
        if not issubclass(etype, SyntaxError):
            plain_syntax(filename, running_compiled_code)
            return
        message = plain_error(etype, value)
        shell._showtraceback(etype, value, [f"✋ {message}"])

    shell.showsyntaxerror = showsyntaxerror

    def after(result: Any) -> None:
        if result.error_before_exec is not None or result.error_in_exec is not None:
            _mark_broken(shell, getattr(result.info, "raw_cell", ""))

    shell.events.register("post_run_cell", after)
    shell._postlab_safety = True
    return True
