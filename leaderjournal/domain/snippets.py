"""Showing where a search matched: a short extract with the words marked.

The journal's search index folds case and accents and matches words by
their beginning; the same rules are applied here, in Python, to the few
entries of one page (FTS5's own snippet() would re-run the search for each
entry, which is slow for a common word).
"""

from __future__ import annotations

import re
import unicodedata

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[^\W_]+|[\U0001F000-\U0010FFFF\u2600-\u27BF]", re.UNICODE)

START = "\x02"
END = "\x03"


def fold(word: str) -> str:
    """A word without case or accents, as the search index sees it."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_terms(text: str) -> tuple[set[str], set[str]]:
    """Folded words to match by prefix, and folded words of quoted phrases."""
    prefixes: set[str] = set()
    exact: set[str] = set()
    for phrase, word in _TERM.findall(text):
        words = [fold(w) for w in _WORD.findall(phrase or word)]
        (exact if phrase else prefixes).update(w for w in words if w)
    return prefixes, exact


def make_snippet(text: str, query: str, words_around: int = 7) -> str:
    """An extract of ``text`` around its first match, matches between marks.

    Returns "" when nothing in ``text`` matches.
    """
    prefixes, exact = search_terms(query)
    tokens = list(_WORD.finditer(text))
    matched = [
        i
        for i, token in enumerate(tokens)
        if (f := fold(token.group())) in exact or any(f.startswith(p) for p in prefixes)
    ]
    if not matched:
        return ""
    first = max(0, matched[0] - words_around)
    last = min(len(tokens) - 1, matched[0] + words_around)
    begin = tokens[first].start() if first > 0 else 0
    finish = tokens[last].end() if last < len(tokens) - 1 else len(text)
    pieces = ["\u2026" if first > 0 else ""]
    cursor = begin
    for i in (m for m in matched if first <= m <= last):
        token = tokens[i]
        pieces.append(text[cursor : token.start()])
        pieces.append(f"{START}{token.group()}{END}")
        cursor = token.end()
    pieces.append(text[cursor:finish])
    pieces.append("\u2026" if last < len(tokens) - 1 else "")
    return " ".join("".join(pieces).split())
