"""Day One's JSON export: a ``.zip`` holding ``<Journal>.json`` (and
``photos/``), or a bare ``.json``.

Each entry has a ``uuid``, ``creationDate`` and ``modifiedDate`` (UTC), the
``timeZone`` it was written in, its ``text`` in Markdown, ``tags`` and
``starred``; what it becomes is :mod:`dayone_entry`'s.

The zip is never extracted: only its top-level ``.json`` members are read,
each within the size limit. A journal is read and parsed a piece at a time
(:class:`~leaderjournal.exchange.json_stream.JsonStream`), each entry made
as it is parsed: neither the file's text nor the parsed document is ever
held whole, yet every entry is read and checked, and the whole document
parsed, before anything is planned.
"""

from __future__ import annotations

import contextlib
import functools
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from leaderjournal.domain.limits import shown
from leaderjournal.exchange.dayone_entry import (
    NAME,
    Zones,
    entry,
    looks_like_entry,
)
from leaderjournal.exchange.json_source import looks_like, no_entries
from leaderjournal.exchange.json_stream import JsonStream, Reader
from leaderjournal.exchange.sources import (
    SOURCE_MAX_BYTES,
    EntryPlaces,
    SourceFileError,
    SourceRead,
    open_source,
    source_errors,
)

__all__ = ["LABEL", "NAME", "read", "recognises"]

LABEL = "Day One JSON"
_WHAT = "a Day One export"

#: The most members a Day One zip may list (its photos included).
ZIP_MAX_MEMBERS = 500_000
_ZIP_MAGIC = b"PK\x03\x04"
_HEAD = 64 * 1024


def recognises(path: Path, head: bytes) -> bool:
    """A ``.json`` (or a zip with a top-level ``.json``) whose object lists
    ``entries`` with a ``creationDate``."""
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archive.infolist()
                if len(infos) > ZIP_MAX_MEMBERS:
                    return False
                members = _journal_members(infos)
                if not members:
                    return False
                with archive.open(members[0]) as member:
                    head = member.read(_HEAD)
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error, ValueError):
            return False  # damaged: read() says so when it is chosen
        except (RuntimeError, NotImplementedError):
            return False  # an encrypted member, or a compression zipfile lacks
    return looks_like(head, b'"creationDate"')


def _journal_members(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The journals of a Day One zip: its top-level ``.json`` files."""
    return [
        info
        for info in infos
        if not info.is_dir()
        and "/" not in info.filename
        and "\\" not in info.filename
        and info.filename.lower().endswith(".json")
    ]


def read(path: Path) -> SourceRead:
    """Every entry of a Day One export (a zip of journals or one journal)."""
    places = EntryPlaces()
    read = SourceRead(NAME, places=places)
    with open_source(path, _WHAT) as handle:
        with source_errors(path):
            zipped = handle.read(len(_ZIP_MAGIC)) == _ZIP_MAGIC
            handle.seek(0)
        if not zipped:
            journal = JsonStream(
                _Pieces(path).open(lambda: handle),
                path.name,
                _WHAT,
                lambda: _Pieces(path).reopen(lambda: path.open("rb")),
            )
            _read_journal(journal, path.name, "", read, places.numbers)
            return read
        pieces = _Pieces(path, zipped=True)
        with pieces.errors():
            archive = zipfile.ZipFile(handle)
        with archive:
            members = _zip_journals(archive, path.name)
            for info in members:
                member = functools.partial(archive.open, info)
                again = functools.partial(pieces.reopen, member)
                journal = JsonStream(pieces.open(member), info.filename, _WHAT, again)
                prefix = f"{info.filename}, " if len(members) > 1 else ""
                _read_journal(journal, info.filename, prefix, read, places.numbers)
    return read


def _zip_journals(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """The top-level ``.json`` files of a zip, or SourceFileError."""
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_MEMBERS:
        raise SourceFileError(
            f"{shown(name)} holds more than {ZIP_MAX_MEMBERS:,} files: too many "
            f"for {_WHAT}."
        )
    members = _journal_members(infos)
    if not members:
        raise SourceFileError(
            f"{shown(name)} holds no journal (.json file) at its top level: "
            f"choose the zip Day One exported, or the .json in it."
        )
    return members


class _Pieces:
    """The bytes of the journals of one export, read a piece at a time: all
    of them together within SOURCE_MAX_BYTES (unpacked, in a zip), and what
    goes wrong in reading them said in plain words."""

    def __init__(self, path: Path, *, zipped: bool = False) -> None:
        self._path = path
        self._zipped = zipped
        self._total = 0

    def open(self, source: Callable[[], IO[bytes]]) -> Reader:
        """``read(size)`` of the file ``source()`` opens, within the limit;
        the file is closed once read to its end."""
        with self.errors():
            stream = source()

        def read(size: int) -> bytes:
            with self.errors():
                data = stream.read(min(size, SOURCE_MAX_BYTES + 1 - self._total))
                if not data:
                    stream.close()
            self._total += len(data)
            if self._total > SOURCE_MAX_BYTES:
                raise self._too_large()
            return data

        return read

    def reopen(self, source: Callable[[], IO[bytes]]) -> IO[bytes]:
        """The file ``source()`` opens, opened again to find a place in it."""
        with self.errors():
            return source()

    def _too_large(self) -> SourceFileError:
        most = f"{SOURCE_MAX_BYTES // 2**20} MB"
        if self._zipped:
            return SourceFileError(
                f"The journals in {shown(self._path.name)} are larger than {most} "
                f"unpacked: too large for {_WHAT}."
            )
        return SourceFileError(
            f"{shown(str(self._path))} is larger than {most}: too large for {_WHAT}."
        )

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """A damaged, encrypted or unreadable file as SourceFileError."""
        name = shown(self._path.name)
        with source_errors(self._path):
            if not self._zipped:
                yield
                return
            try:
                yield
            except (zipfile.BadZipFile, EOFError, zlib.error, ValueError) as exc:
                raise SourceFileError(
                    f"{name} is a damaged zip file ({shown(str(exc))}): export it "
                    "again."
                ) from exc
            except RuntimeError as exc:  # an encrypted member
                raise SourceFileError(
                    f"{name} is an encrypted zip file: export it again without a "
                    "password."
                ) from exc
            except NotImplementedError as exc:
                raise SourceFileError(
                    f"{name} is packed in a way that cannot be read "
                    f"({shown(str(exc))})."
                ) from exc


def _read_journal(
    journal: JsonStream,
    name: str,
    prefix: str,
    read: SourceRead,
    numbers: dict[str, tuple[int, str]],
) -> None:
    """Each entry of one journal into ``read``, made as it is parsed, and
    where it was into ``numbers`` (of ``read.places``, which the entries of
    journals read before are in already); the journal as a whole is judged
    once all of it is parsed."""
    zones = Zones()
    count = 0
    like = False
    for count, item in enumerate(journal.items("entries"), 1):
        like = like or looks_like_entry(item)
        made = entry(item, count, prefix, read, zones)
        if made is None:
            continue
        if made.id in numbers:
            read.not_brought["duplicate"] += 1
            continue
        read.entries.append(made)
        numbers[made.id] = (count, prefix)
    if not journal.listed:
        raise no_entries(name, _WHAT)
    if count and not like:
        raise SourceFileError(
            f"{shown(name)} is not {LABEL}: none of its entries has a uuid and "
            "a creationDate."
        )
