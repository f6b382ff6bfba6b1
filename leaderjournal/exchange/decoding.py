"""The text of a file from elsewhere: which encoding it is in, or why not.

Spreadsheets save "CSV" as UTF-8 with or without a byte-order mark, and
some (Excel's "Unicode text", LibreOffice's UTF-16 option) as UTF-16 with or
without one. Each is read; a file that is none of them is refused in words.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from pathlib import Path

from leaderjournal.exchange.files import ExchangeError

#: Byte-order marks, longest first (UTF-32-LE's begins with UTF-16-LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}
BOM = "\ufeff"
#: How much of a file :func:`check_utf8` decodes at a time.
CHUNK = 1 << 20


class NotTextError(ExchangeError):
    """The file cannot be read as text; ``str()`` says why, in words."""


def _zeros(head: bytes, width: int, position: int) -> bool:
    """True if ``head`` looks like ASCII text in a ``width``-byte encoding:
    every character's byte at ``position`` set, the others zero."""
    chars = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
    return bool(chars) and all(
        char[position] and not any(char[:position] + char[position + 1 :])
        for char in chars
    )


def sniff(data: bytes) -> tuple[str, int]:
    """The encoding of ``data`` and the length of its byte-order mark.

    Without a mark, UTF-16 and UTF-32 are recognised by the zero bytes of
    their first characters (a CSV file starts with a header of plain
    letters); anything else is taken for UTF-8.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:16]
    for name, width, position in (
        ("utf-32-le", 4, 0),
        ("utf-32-be", 4, 3),
        ("utf-16-le", 2, 0),
        ("utf-16-be", 2, 1),
    ):
        if len(head) >= 2 * width and _zeros(head, width, position):
            return name, 0
    return "utf-8", 0


def decode(data: bytes, what: str) -> tuple[str, str, int]:
    """The text of ``data`` (without byte-order marks), its encoding and the
    length of the mark, or NotTextError naming ``what`` is expected.

    A NUL inside a cell is text (an entry may hold one); a NUL in the first
    line, or with bytes that are no encoding's, means binary data.
    """
    encoding, skip = sniff(data)
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise _not_text(data, what, encoding, exc.start + skip) from exc
    text = text.lstrip(BOM)  # a second mark, added by a tool that saw none
    first_line = text[: text.find("\n")] if "\n" in text else text
    if "\x00" in first_line:
        raise NotTextError(_binary(what))
    return text, encoding, skip


def check_utf8(data: bytes, what: str, skip: int) -> bool:
    """Check that ``data`` after its mark (``skip`` bytes) is UTF-8 text,
    refused as :func:`decode` refuses it, without keeping its text; True if
    it holds nothing but white space.

    For a large file then read as a stream: it is decoded a chunk at a time,
    because one call over the whole file would hold Python's lock for all of
    it (about 70 ms for 100,000 entries), and a window waits for that lock.
    """
    view = memoryview(data)
    chunks = (view[at : at + CHUNK] for at in range(skip, len(data), CHUNK))
    return _check_utf8_chunks(chunks, what, skip, lambda: b"\x00" in data)


def check_utf8_file(path: Path, what: str, skip: int) -> bool:
    """:func:`check_utf8` for a file, read a chunk at a time (its bytes are
    never all in memory). OSError as reading raises it."""
    with path.open("rb") as file:
        file.seek(skip)
        return _check_utf8_chunks(
            iter(lambda: file.read(CHUNK), b""), what, skip, lambda: _has_nul(path)
        )


def _has_nul(path: Path) -> bool:
    with path.open("rb") as file:
        return any(b"\x00" in chunk for chunk in iter(lambda: file.read(CHUNK), b""))


def _check_utf8_chunks(
    chunks: Iterator[bytes | memoryview],
    what: str,
    skip: int,
    has_nul: Callable[[], bool],
) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    blank, begun, in_first_line = True, False, True
    position = skip
    chunk = next(chunks, b"")
    while True:
        following = next(chunks, None)
        final = following is None
        pending = len(decoder.getstate()[0])  # bytes of a character cut in two
        try:
            part = decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            where = position - pending + exc.start
            raise _not_text_at(has_nul(), what, "utf-8", where) from exc
        if not begun:
            part = part.lstrip(BOM)  # a second mark, added by a tool
            begun = bool(part)
        if in_first_line:
            end = part.find("\n")
            if "\x00" in (part if end < 0 else part[:end]):
                raise NotTextError(_binary(what))
            in_first_line = end < 0
        blank = blank and (not part or part.isspace())
        if following is None:
            return blank
        position += len(chunk)
        chunk = following


def _not_text(data: bytes, what: str, encoding: str, position: int) -> NotTextError:
    """Why ``data``, which does not decode at ``position``, is refused."""
    return _not_text_at(b"\x00" in data, what, encoding, position)


def _not_text_at(
    has_nul: bool, what: str, encoding: str, position: int
) -> NotTextError:
    """Why a file that does not decode at ``position`` is refused."""
    if has_nul:
        return NotTextError(_binary(what))
    name = _NAMES[encoding]
    return NotTextError(
        f"The file is not {name} text (it has a byte that {name} does not "
        f"allow at position {position}). Save it as \u201cCSV "
        "UTF-8\u201d and import it again."
    )


def _binary(what: str) -> str:
    return f"This is not a CSV file: it contains binary data. Choose a file {what}."
