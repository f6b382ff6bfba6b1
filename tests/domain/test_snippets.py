"""Search snippets: the fast extract must say exactly what the plain one did."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaderjournal.domain.snippets import _WORD, END, START, fold, make_snippet


def reference_fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def reference_snippet(text: str, query: str, words_around: int = 7) -> str:
    """The first implementation: fold every word, then cut around the first."""
    from leaderjournal.domain.snippets import search_terms

    prefixes, exact = search_terms(query)
    tokens = list(_WORD.finditer(text))
    matched = [
        i
        for i, token in enumerate(tokens)
        if (f := reference_fold(token.group())) in exact
        or any(f.startswith(p) for p in prefixes)
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


WORDS = ["Team", "team", "teams", "one", "to", "Straße", "café", "CAFÉ", "naïve"]
WORDS += ["x1", "A2b", "delegated", "deleg", "\U0001f600", "日本", "ﬁne", "_id"]
text_words = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40
)
separators = st.sampled_from([" ", "  ", "\n", ", ", "-", "'", "_", ". "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(text_words)
    return "".join(w + draw(separators) for w in words)


queries = st.one_of(
    st.sampled_from(
        ["team", "TEAM", '"one to"', "cafe", "strasse", "deleg x", '"a2b"', "ﬁ"]
    ),
    st.text(max_size=8),
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(text=texts(), query=queries, around=st.integers(0, 9))
def test_the_snippet_is_the_same_as_the_plain_one(text, query, around):
    assert make_snippet(text, query, around) == reference_snippet(text, query, around)


@pytest.mark.slow
@given(st.text(max_size=12))
def test_folding_ascii_quickly_folds_the_same(word):
    assert fold(word) == reference_fold(word)


def test_a_match_deep_in_a_long_entry_is_found():
    text = "Lorem ipsum dolor. " * 2000 + "We tried kintsugi on the broken plan."
    assert make_snippet(text, "kintsugi") == (
        f"\u2026ipsum dolor. Lorem ipsum dolor. We tried {START}kintsugi{END} "
        "on the broken plan."
    )
