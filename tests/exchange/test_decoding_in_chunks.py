"""A large UTF-8 file is checked a chunk at a time, and refused or accepted
exactly as decoding it whole would."""

from __future__ import annotations

import pytest

from leaderjournal.exchange.decoding import CHUNK, NotTextError, check_utf8, decode

WHAT = "exported by LeaderJournal"


def refusal(call) -> str:
    with pytest.raises(NotTextError) as refused:
        call()
    return str(refused.value)


def test_a_character_cut_by_the_chunk_boundary_is_text():
    data = b"title\n" + b"a" * (CHUNK - 7) + "\u00e9t\u00e9".encode() + b"\n"
    assert "\u00e9" in decode(data, WHAT)[0]
    assert check_utf8(data, WHAT, 0) is False


def test_a_bad_byte_past_the_first_chunk_is_named_at_its_place():
    data = b"title\n" + b"a" * (CHUNK + 100) + b"\xff" + b"b" * 10
    message = refusal(lambda: check_utf8(data, WHAT, 0))
    assert message == refusal(lambda: decode(data, WHAT))
    assert f"at position {CHUNK + 106}" in message


def test_a_bad_byte_after_a_byte_order_mark_is_named_at_its_place():
    data = b"\xef\xbb\xbftitle\n" + b"a" * CHUNK + b"\xc3(" + b"\n"
    assert refusal(lambda: check_utf8(data, WHAT, 3)) == refusal(
        lambda: decode(data, WHAT)
    )


def test_a_nul_in_a_first_line_longer_than_a_chunk_is_binary():
    data = b"a" * (CHUNK + 10) + b"\x00" + b"\nrow\n"
    message = refusal(lambda: check_utf8(data, WHAT, 0))
    assert message == refusal(lambda: decode(data, WHAT))
    assert message.startswith("This is not a CSV file: it contains binary data.")


def test_white_space_over_several_chunks_is_blank_and_a_late_word_is_not():
    spaces = b" \n" * CHUNK
    assert check_utf8(spaces, WHAT, 0) is True
    assert check_utf8(spaces + b"word", WHAT, 0) is False
    assert check_utf8("\ufeff\u00a0\n".encode(), WHAT, 0) is True
