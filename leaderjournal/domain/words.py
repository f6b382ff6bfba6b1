"""Counts and nouns in words, for messages to the person and the command line."""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """The count and the word that goes with it: "1 entry", "1,000 entries"."""
    return f"{count:,} {one if count == 1 else many}"


def with_article(noun: str) -> str:
    """The noun after "a" or "an": "a trigger", "an index"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
