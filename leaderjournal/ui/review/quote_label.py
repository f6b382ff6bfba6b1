"""Quoting the person's own words in the review: wrapped, never cut."""

from __future__ import annotations

import re

#: A zero-width space: an invisible place where a line may break.
BREAK = "\u200b"
#: Runs of this many characters without a space get invisible break places.
LONG_RUN = 24

_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def breakable(text: str) -> str:
    """``text`` with an invisible break place every ``LONG_RUN`` characters of
    a long run without spaces (a pasted link, say), so that a wrapped label
    can break it instead of growing wider than the window."""

    def split(match: re.Match[str]) -> str:
        run = match.group()
        return BREAK.join(run[i : i + LONG_RUN] for i in range(0, len(run), LONG_RUN))

    return _RUN.sub(split, text)
