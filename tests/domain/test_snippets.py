"""Search snippets: the fast extract must say exactly what the plain one did."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaderjournal.domain.snippets import (
    _WORD,
    END,
    START,
    fold,
    make_snippet,
    mark_all,
    search_terms,
)


def reference_fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def reference_matches(text: str, query: str) -> tuple[list, list[tuple[int, int]]]:
    """Every word of ``text``, and each run of words that a search term
    matches, as (first word, last word), in order."""
    tokens = list(_WORD.finditer(text))
    folded = [reference_fold(t.group()) for t in tokens]
    runs = []
    for i in range(len(tokens)):
        for term in search_terms(query):
            n = len(term.words)
            here = folded[i : i + n]
            if len(here) < n or here[:-1] != list(term.words[:-1]):
                continue
            last = term.words[-1]
            if here[-1] == last or (term.prefix and here[-1].startswith(last)):
                runs.append((i, i + n - 1))
    return tokens, sorted(runs)


def joined(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs that share a word, as one."""
    together: list[tuple[int, int]] = []
    for first, last in runs:
        if together and first <= together[-1][1]:
            together[-1] = (together[-1][0], max(last, together[-1][1]))
        else:
            together.append((first, last))
    return together


def reference_snippet(text: str, query: str, words_around: int = 7) -> str:
    """The plain way: find every match, then cut around the first (its
    longest match, if several terms match there)."""
    tokens, runs = reference_matches(text, query)
    if not runs:
        return ""
    start = runs[0][0]
    end = max(last for first, last in runs if first == start)
    first = max(0, start - words_around)
    last = min(len(tokens) - 1, end + words_around)
    begin = tokens[first].start() if first > 0 else 0
    finish = tokens[last].end() if last < len(tokens) - 1 else len(text)
    pieces = ["\u2026" if first > 0 else ""]
    cursor = begin
    for run_first, run_last in joined(runs):
        if run_first > last:
            break
        begin_mark = tokens[run_first].start()
        end_mark = tokens[min(run_last, last)].end()
        pieces.append(text[cursor:begin_mark])
        pieces.append(f"{START}{text[begin_mark:end_mark]}{END}")
        cursor = end_mark
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
        [
            *("team", "TEAM", '"one to"', "cafe", "strasse", "deleg x", '"a2b"'),
            *("ﬁ", '"team team"', "one-to", '"to one" tea', "x1-a2", '"café one"'),
            "日本",
        ]
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


def test_a_phrase_is_marked_where_its_words_stand_together():
    text = "The client met the team; then the team had lunch."
    assert make_snippet(text, '"the team"') == (
        f"The client met {START}the team{END}; then {START}the team{END} had lunch."
    )


def test_a_word_with_a_hyphen_is_searched_as_a_phrase():
    # The search index reads "x-ray" as the words "x" then "ray...".
    text = "Got an x-ray, then x marks and rays."
    assert make_snippet(text, "x-ray") == (
        f"Got an {START}x-ray{END}, then x marks and rays."
    )


def test_the_window_holds_the_whole_phrase_and_the_words_after_it():
    text = "a b c d " + "on the other hand " + "e f g h"
    assert make_snippet(text, '"on the other hand"', words_around=2) == (
        f"\u2026c d {START}on the other hand{END} e f\u2026"
    )


def test_marking_a_whole_title_or_tags():
    assert mark_all("Coaching Omar", "omar") == f"Coaching {START}Omar{END}"
    assert mark_all("omar-feedback, team", "omar") == (
        f"{START}omar{END}-feedback, team"
    )
    assert mark_all("Team day with the team", '"the team" day') == (
        f"Team {START}day{END} with {START}the team{END}"
    )
    assert mark_all("Retro", "omar") == ""
    assert mark_all("Retro", "") == ""
