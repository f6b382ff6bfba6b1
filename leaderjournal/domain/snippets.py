"""Showing where a search matched: a short extract with the words marked.

The journal's search index folds case and accents; a word typed alone
matches words by their beginning, and words in quotes match where they
stand together, in that order (as does a word like "x-ray", which the index
reads as "x" then "ray..."). The same rules are applied here, in Python, to
the few entries of one page (FTS5's own snippet() would re-run the search
for each entry, which is slow for a common word).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Term:
    """One thing a search looks for: folded words that follow each other.

    The last word matches by its beginning when ``prefix`` (it was typed
    without quotes); every other word matches whole.
    """

    words: tuple[str, ...]
    prefix: bool

    def matches(self, folded: Sequence[str]) -> bool:
        """Whether the folded words from some point on start with this term."""
        count = len(self.words)
        if len(folded) < count:
            return False
        for wanted, word in zip(self.words[:-1], folded, strict=False):
            if word != wanted:
                return False
        last, word = self.words[-1], folded[count - 1]
        return word == last or (self.prefix and word.startswith(last))


def search_terms(text: str) -> tuple[Term, ...]:
    """What the person typed, as the terms the search index looks for."""
    terms: dict[Term, None] = {}
    for phrase, word in _TERM.findall(text):
        words = tuple(w for w in map(fold, _WORD.findall(phrase or word)) if w)
        if words:
            terms[Term(words, prefix=not phrase)] = None
    return tuple(terms)


def _longest_at(folded: Sequence[str], terms: Sequence[Term]) -> int:
    """How many words the longest term matching at the start of ``folded``
    covers; 0 when none matches there."""
    return max((len(t.words) for t in terms if t.matches(folded)), default=0)


def _runs(
    folded: Sequence[str], terms: Sequence[Term], starts: int | None = None
) -> list[tuple[int, int]]:
    """The matched runs of words (first, last), those that share a word
    joined into one; only runs starting before index ``starts`` if given."""
    longest = max(len(t.words) for t in terms)
    runs: list[tuple[int, int]] = []
    for i in range(len(folded) if starts is None else min(starts, len(folded))):
        count = _longest_at(folded[i : i + longest], terms)
        if not count:
            continue
        last = i + count - 1
        if runs and i <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(last, runs[-1][1]))
        else:
            runs.append((i, last))
    return runs


@functools.lru_cache(maxsize=32)
def _ascii_pattern(terms: tuple[Term, ...]) -> re.Pattern[str]:
    """The search terms as one expression over lower-cased ASCII text.

    In ASCII text a word is a run of [a-z0-9] once lower-cased, and folding
    it is lower-casing, so this finds exactly where ``Term.matches`` would.
    Terms with other characters can match no ASCII word and are left out.
    """
    ascii_word = re.compile(r"[a-z0-9]+")
    options = []
    for term in terms:
        if all(ascii_word.fullmatch(w) for w in term.words):
            together = "[^a-z0-9]+".join(map(re.escape, term.words))
            options.append(together + ("" if term.prefix else "(?![a-z0-9])"))
    return re.compile(f"(?<![a-z0-9])(?:{'|'.join(options) or '(?!)'})")


def _first_match(text: str, terms: tuple[Term, ...]) -> int | None:
    """Where the first match in ``text`` starts, if anything matches.

    ASCII text (most journals) is searched by one regular expression; other
    text word by word, stopping at the first match.
    """
    if text.isascii():
        found = _ascii_pattern(terms).search(text.lower())
        return found.start() if found else None
    # A word can only start a match if it is a term's first word (or starts
    # with a one-word term typed without quotes): only then look further.
    prefixes = tuple(t.words[0] for t in terms if t.prefix and len(t.words) == 1)
    firsts = {t.words[0] for t in terms} - set(prefixes)
    more = max(len(t.words) for t in terms) - 1
    for token in _WORD.finditer(text):
        word = fold(token.group())
        if word not in firsts and not word.startswith(prefixes):
            continue
        following = itertools.islice(_WORD.finditer(text, token.end()), more)
        if _longest_at([word, *(fold(t.group()) for t in following)], terms):
            return token.start()
    return None


def _marked(
    text: str,
    tokens: Sequence[re.Match[str]],
    runs: Sequence[tuple[int, int]],
    begin: int,
    finish: int,
) -> str:
    """``text[begin:finish]`` with each run of ``tokens`` between marks."""
    pieces = []
    cursor = begin
    for first, last in runs:
        start, end = tokens[first].start(), tokens[last].end()
        pieces += [text[cursor:start], START, text[start:end], END]
        cursor = end
    pieces.append(text[cursor:finish])
    return "".join(pieces)


def make_snippet(text: str, query: str, words_around: int = 7) -> str:
    """An extract of ``text`` around its first match, matches between marks.

    Returns "" when nothing in ``text`` matches. Only the words around the
    first match are looked at closely, so a long entry costs little more
    than a short one.
    """
    terms = search_terms(query)
    hit = _first_match(text, terms) if terms else None
    if hit is None:
        return ""
    longest = max(len(t.words) for t in terms)
    before = list(_WORD.finditer(text, 0, hit))
    # Enough words to see every run that starts in the window to its end.
    after = list(
        itertools.islice(_WORD.finditer(text, hit), 2 * longest + words_around)
    )
    folded = [fold(token.group()) for token in after]
    last = _longest_at(folded[:longest], terms) - 1 + words_around
    more_before = len(before) > words_around
    more_after = len(after) > last + 1
    window = before[max(0, len(before) - words_around) :] + after[: last + 1]
    begin = window[0].start() if more_before else 0
    finish = window[-1].end() if more_after else len(text)
    runs = [(first, min(end, last)) for first, end in _runs(folded, terms, last + 1)]
    extract = _marked(text, after, runs, begin, finish)
    extract = ("\u2026" if more_before else "") + extract
    extract += "\u2026" if more_after else ""
    return " ".join(extract.split())


def mark_all(text: str, query: str) -> str:
    """All of ``text`` with every match between marks; "" when none matches.

    For short fields (a title, the tags): every word is looked at.
    """
    terms = search_terms(query)
    if not terms:
        return ""
    tokens = list(_WORD.finditer(text))
    runs = _runs([fold(token.group()) for token in tokens], terms)
    return _marked(text, tokens, runs, 0, len(text)) if runs else ""
