"""Reading another app's JSON export a piece at a time (:class:`JsonStream`),
with the messages of :mod:`json_source` for what is wrong.

An export of 100,000 entries is a hundred MB of text: parsed whole, the
text and the parsed document are both held until the last entry is made.
:class:`JsonStream` reads the file a megabyte at a time and parses the
items of one list of its top-level object one by one, so only an item and a
piece of text are held; the rest of the document is parsed and checked the
same, and its values let go.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from leaderjournal.domain.limits import shown
from leaderjournal.exchange.json_source import not_json, not_utf8, too_deep
from leaderjournal.exchange.sources import SourceFileError

#: ``read(size)``: at most ``size`` bytes more of a file, b"" at its end.
Reader = Callable[[int], bytes]
#: Bytes read at a time (a value longer than the text held reads more).
CHUNK = 1 << 20
_BOM = codecs.BOM_UTF8
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
#: What raw_decode() calls: the value at a place, and where it ends.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
#: Text held after where reading is, at least, before a value is parsed: a
#: value cut by the piece's end fails where it is cut, and the error json
#: makes counts the lines of all the text before (a value may be longer).
_HELD = 64 * 1024
#: The most text parsed in one call as a list of items: the items of a
#: batch are held at once, so few that the garbage collector, which runs
#: after every 700 objects made and not yet let go, seldom finds them.
_BATCH = 64 * 1024
#: An error this near the end of the text read so far may be where the
#: piece ends, not where the file breaks (a ``\uXXXX`` pair is 12 long).
_NEAR_END = 16


class JsonStream:
    """The JSON document that ``read(size)`` gives a piece at a time (its
    bytes, ``b""`` at the end), as text in UTF-8; ``name`` and ``what`` are
    for messages ("Journal.json", "a Day One export"). ``again()`` opens
    the same bytes anew: the line and column of an error are counted only
    when there is one."""

    def __init__(
        self,
        read: Reader,
        name: str,
        what: str,
        again: Callable[[], IO[bytes]],
    ) -> None:
        self._read = read
        self._again = again
        self._name = name
        self._what = what
        #: The text held, and where in it reading is.
        self._text = ""
        self._at = 0
        self._ended = False
        #: The bytes of a character the last piece cut, and the bytes before.
        self._cut = b""
        self._bytes = 0
        self._at_start = True
        #: The characters of the text let go.
        self._gone = 0
        #: Whether the document's object had a list under the key read.
        self.listed = False

    def items(self, key: str) -> Iterator[Any]:
        """Each item of the list under ``key`` of the document's top-level
        object, parsed as it is reached; then the rest of the document.
        SourceFileError for text that is not JSON in UTF-8, with its place."""
        if self._next() != "{":
            self._value()  # a list or a string: it must still be JSON
            self._end()
            return
        self._at += 1
        repeated = False
        following = self._next()
        while following != "}":
            if following != '"':
                raise self._error("Expecting property name enclosed in double quotes")
            name = self._value()
            if self._next() != ":":
                raise self._error("Expecting ':' delimiter")
            self._at += 1
            if self._next() == "[" and name == key:
                repeated = self.listed
                self.listed = True
                yield from self._list()
            else:
                self._value()
            following = self._next()
            if following == ",":
                self._at += 1
                following = self._next()
                if following == "}":  # "{...,}": what json says of it
                    raise self._error(
                        "Expecting property name enclosed in double quotes"
                    )
            elif following != "}":
                raise self._error("Expecting ',' delimiter")
        self._at += 1
        self._end()
        if repeated:
            raise SourceFileError(
                f"{shown(self._name)} lists {key} twice: export it again."
            )

    def _list(self) -> Iterator[Any]:
        self._at += 1
        if self._next() == "]":
            self._at += 1
            return
        #: What stands between two items ("},\n    {"), once seen, and how
        #: much of the text had been read when a batch could not be parsed.
        between = ""
        failed = -1
        while True:
            if between and self._gone + len(self._text) > failed:
                batch = self._batch(between)
                if batch is None:
                    failed = self._gone + len(self._text)
                else:
                    yield from batch
            value, following = self._item()
            yield value
            end = self._at
            self._at += 1
            if following == "]":
                return
            if following != ",":
                self._at -= 1
                raise self._error("Expecting ',' delimiter")
            gone = self._gone
            if (
                not between
                and self._next() == "{"
                and gone == self._gone  # the text was not read on
                and self._text[end - 1] == "}"
            ):
                between = self._text[end - 1 : self._at + 1]

    def _item(self) -> tuple[Any, str]:
        """The item that starts where reading is, and the character after
        it; reading is then at that character."""
        text = self._text
        at = _SPACE.match(text, self._at).end()  # type: ignore[union-attr]
        if len(text) - at >= _HELD:
            # What _next() and _value() do, without their calls.
            try:
                value, end = _SCAN(text, at)
                after = _SPACE.match(text, end).end()  # type: ignore[union-attr]
            except (StopIteration, ValueError, RecursionError):
                after = len(text)
            if after < len(text):
                self._at = after
                return value, text[after]
        self._at = at
        self._next()
        value = self._value()
        return value, self._next()

    def _batch(self, between: str) -> list[Any] | None:
        """The items whole in the text held from where reading is, up to
        the last ``between`` in the next _BATCH characters, parsed in one
        call as a list (an item's place in the list and in the file are the
        same: a list that parses to its end and ends with "}" ends where an
        item does); [] where there is no ``between``, None where that text
        is not such items."""
        text = self._text
        cut = text.rfind(between, self._at, self._at + _BATCH)
        if cut < 0:
            return []
        listed = "".join(("[", text[self._at : cut + 1], "]"))
        try:
            items, end = _SCAN(listed, 0)
        except (StopIteration, ValueError, RecursionError):
            return None
        if end != len(listed):
            return None
        self._at = cut + len(between) - 1
        return items  # type: ignore[no-any-return]

    def _end(self) -> None:
        if self._next():
            raise self._error("Extra data")

    def _next(self) -> str:
        """The next character after white space; "" at the end."""
        while True:
            space = _SPACE.match(self._text, self._at)
            assert space is not None  # it matches the empty text
            self._at = space.end()
            if self._at < len(self._text):
                return self._text[self._at]
            if not self._more(CHUNK):
                return ""

    def _value(self) -> Any:
        """The JSON value that starts where reading is."""
        if len(self._text) - self._at < _HELD:
            self._more(CHUNK)
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._at)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self._text) - _NEAR_END or exc.msg.startswith(
                    "Unterminated string"
                )
                # Perhaps only where the piece ends: read as much again as held.
                if cut and self._more(len(self._text) - self._at):
                    continue
                raise self._error(exc.msg, exc.pos) from exc
            except (ValueError, RecursionError) as exc:
                raise too_deep(self._name) from exc
            # A number at the end of the text may go on in the next piece.
            if end == len(self._text) and self._more(CHUNK):
                continue
            self._at = end
            return value

    def _more(self, size: int) -> bool:
        """Read at least ``size`` bytes more, or to the end; False once the
        end was read. The text before where reading is is let go."""
        if self._ended:
            return False
        data = self._read(max(size, CHUNK))
        final = not data
        data = self._cut + data
        if self._at_start:  # a byte-order mark, perhaps read a byte at a time
            if not final and len(data) < len(_BOM) and _BOM.startswith(data):
                self._cut = data
                return True
            self._at_start = False
            if data.startswith(_BOM):
                data = data[len(_BOM) :]
                self._bytes = len(_BOM)
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as exc:
            raise not_utf8(self._name, self._what, self._bytes + exc.start) from exc
        self._bytes += used
        self._cut = data[used:]
        self._gone += self._at
        self._text = self._text[self._at :] + text if self._text else text
        self._at = 0
        self._ended = final
        return True

    def _error(self, msg: str, at: int | None = None) -> SourceFileError:
        """Where the document breaks, as line and column in the file."""
        before = self._gone + (self._at if at is None else at)
        with self._again() as again:
            line, column = _line_and_column(again, before)
        return not_json(self._name, line, column, msg)


def _line_and_column(source: IO[bytes], before: int) -> tuple[int, int]:
    """The line and column (from 1) of the character after the first
    ``before`` of the text in ``source`` (a mark at its start left out)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")("replace")
    lines = column = 0
    while before > 0:
        data = source.read(CHUNK)
        text = decoder.decode(data, final=not data)[:before]
        if not data and not text:
            break
        breaks = text.count("\n")
        if breaks:
            lines += breaks
            column = len(text) - text.rfind("\n") - 1
        else:
            column += len(text)
        before -= len(text)
    return lines + 1, column + 1
