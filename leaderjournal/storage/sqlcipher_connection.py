"""The SQLCipher side of :mod:`leaderjournal.storage.cipher`: a connection
through ``sqlcipher3`` that raises the standard library's ``sqlite3`` errors.

The rest of storage, and sqlite-utils, catch the standard library's
``sqlite3`` errors; ``sqlcipher3`` raises look-alikes of its own. The
connection and cursor classes here turn each one into the ``sqlite3`` error
of the same name, with the same SQLite error code, so that an encrypted
journal's damage, full disk or busy lock reads exactly like a plain one's.

Imported only to open an encrypted journal (or to convert one): loading
SQLCipher is not needed to open a plain journal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

_SAME_NAMED = {
    sqlcipher.IntegrityError: sqlite3.IntegrityError,
    sqlcipher.ProgrammingError: sqlite3.ProgrammingError,
    sqlcipher.OperationalError: sqlite3.OperationalError,
    sqlcipher.NotSupportedError: sqlite3.NotSupportedError,
    sqlcipher.DataError: sqlite3.DataError,
    sqlcipher.InternalError: sqlite3.InternalError,
    sqlcipher.DatabaseError: sqlite3.DatabaseError,
    sqlcipher.InterfaceError: sqlite3.InterfaceError,
    sqlcipher.Warning: sqlite3.Warning,
    sqlcipher.Error: sqlite3.Error,
}


def key_pragma(key: bytes) -> str:
    """The SQL that gives SQLCipher the raw 256-bit ``key`` (no KDF of its own)."""
    if len(key) != 32:
        raise ValueError("a data key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def as_sqlite3(exc: Exception) -> Exception:
    """The ``sqlite3`` error of the same kind as the ``sqlcipher3`` ``exc``."""
    ours = _SAME_NAMED.get(type(exc)) or next(
        (o for t, o in _SAME_NAMED.items() if isinstance(exc, t)), sqlite3.Error
    )
    translated = ours(*exc.args)
    for attribute in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attribute):
            setattr(translated, attribute, getattr(exc, attribute))
    return translated


class _Cursor(sqlcipher.Cursor):  # type: ignore[misc]
    def execute(self, *args: Any) -> _Cursor:
        try:
            return super().execute(*args)  # type: ignore[no-any-return]
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def executemany(self, *args: Any) -> _Cursor:
        try:
            return super().executemany(*args)  # type: ignore[no-any-return]
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def executescript(self, *args: Any) -> _Cursor:
        try:
            return super().executescript(*args)  # type: ignore[no-any-return]
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def fetchmany(self, *args: Any) -> list[Any]:
        try:
            return super().fetchmany(*args)  # type: ignore[no-any-return]
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()  # type: ignore[no-any-return]
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None


class CipherConnection(sqlcipher.Connection):  # type: ignore[misc]
    """A ``sqlcipher3`` connection that raises ``sqlite3``'s errors."""

    def cursor(self, factory: type = _Cursor) -> _Cursor:
        try:
            return super().cursor(factory)  # type: ignore[no-any-return]
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def commit(self) -> None:
        try:
            super().commit()
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def rollback(self) -> None:
        try:
            super().rollback()
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def __exit__(self, *exc_info: object) -> Any:
        try:
            return super().__exit__(*exc_info)
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None

    def backup(self, target: Any, **kwargs: Any) -> None:
        try:
            super().backup(target, **kwargs)
        except sqlcipher.Error as exc:
            raise as_sqlite3(exc) from None


def open_connection(
    database: str | Path,
    key: bytes | None,
    *,
    uri: bool = False,
    timeout: float = 5.0,
) -> CipherConnection:
    """:func:`leaderjournal.storage.cipher.connect`, which see."""
    try:
        conn: CipherConnection = sqlcipher.connect(
            str(database), uri=uri, timeout=timeout, factory=CipherConnection
        )
    except sqlcipher.Error as exc:
        raise as_sqlite3(exc) from None
    try:
        # SQLCipher would otherwise write its own lines about a wrong key to
        # the terminal, next to the one the person is meant to read.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key_pragma(key)}")
            conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        _check_fts5(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_fts5(conn: CipherConnection) -> None:
    options = {row[0] for row in conn.execute("PRAGMA compile_options").fetchall()}
    if "ENABLE_FTS5" not in options:
        raise sqlite3.NotSupportedError("this SQLCipher has no full-text search (FTS5)")
