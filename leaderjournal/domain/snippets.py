"""Showing where a search matched: a short extract with the words marked.

The journal's search index folds case and accents and matches words by
their beginning; the same rules are applied here, in Python, to the few
entries of one page (FTS5's own snippet() would re-run the search for each
entry, which is slow for a common word).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[^\W_]+|[\U0001F000-\U0010FFFF\u2600-\u27BF]", re.UNICODE)

START = "\x02"
END = "\x03"


def fold(word: str) -> str:
    """A word without case or accents, as the search index sees it."""
    if word.isascii():  # nothing to decompose: the common case, kept fast
        return word.lower()
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


def _matches(token: str, prefixes: set[str], exact: set[str]) -> bool:
    folded = fold(token)
    return folded in exact or any(folded.startswith(p) for p in prefixes)


@functools.lru_cache(maxsize=32)
def _ascii_pattern(prefixes: frozenset[str], exact: frozenset[str]) -> re.Pattern[str]:
    """The search terms as one expression over lower-cased ASCII text.

    In ASCII text a word is a run of [a-z0-9] once lower-cased, and folding
    it is lower-casing, so this finds exactly the words ``_matches`` takes.
    Terms with other characters can match no ASCII word and are left out.
    """
    ascii_word = re.compile(r"[a-z0-9]+")
    starts = sorted(p for p in prefixes if ascii_word.fullmatch(p))
    whole = sorted(e for e in exact if ascii_word.fullmatch(e))
    options = [f"(?:{'|'.join(map(re.escape, starts))})[a-z0-9]*"] if starts else []
    if whole:
        options.append(f"(?:{'|'.join(map(re.escape, whole))})(?![a-z0-9])")
    return re.compile(f"(?<![a-z0-9])(?:{'|'.join(options) or '(?!)'})")


def _first_match(text: str, prefixes: set[str], exact: set[str]) -> int | None:
    """Where the first matching word of ``text`` starts, if any word matches.

    ASCII text (most journals) is searched by one regular expression; other
    text word by word, stopping at the first match.
    """
    if text.isascii():
        pattern = _ascii_pattern(frozenset(prefixes), frozenset(exact))
        found = pattern.search(text.lower())
        return found.start() if found else None
    for token in _WORD.finditer(text):
        if _matches(token.group(), prefixes, exact):
            return token.start()
    return None


def make_snippet(text: str, query: str, words_around: int = 7) -> str:
    """An extract of ``text`` around its first match, matches between marks.

    Returns "" when nothing in ``text`` matches. Only the words around the
    first match are looked at closely, so a long entry costs little more
    than a short one.
    """
    prefixes, exact = search_terms(query)
    hit = _first_match(text, prefixes, exact)
    if hit is None:
        return ""
    before = list(_WORD.finditer(text, 0, hit))
    after = list(itertools.islice(_WORD.finditer(text, hit), words_around + 2))
    more_before = len(before) > words_around
    more_after = len(after) > words_around + 1
    window = before[max(0, len(before) - words_around) :] + after[: words_around + 1]
    begin = window[0].start() if more_before else 0
    finish = window[-1].end() if more_after else len(text)
    pieces = ["\u2026" if more_before else ""]
    cursor = begin
    for token in window:
        if _matches(token.group(), prefixes, exact):
            pieces.append(text[cursor : token.start()])
            pieces.append(f"{START}{token.group()}{END}")
            cursor = token.end()
    pieces.append(text[cursor:finish])
    pieces.append("\u2026" if more_after else "")
    return " ".join("".join(pieces).split())
