"""Reading another app's JSON export whole, and what is said of one that
cannot be read (:mod:`json_stream` reads one a piece at a time)."""

from __future__ import annotations

import json
from typing import Any

from leaderjournal.domain.limits import shown
from leaderjournal.exchange.sources import SourceFileError


def looks_like(head: bytes, mark: bytes) -> bool:
    """Whether the start of a file is a JSON object listing ``entries`` with
    ``mark`` among the first entry's keys."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and b'"entries"' in text and mark in text


def load_json(data: bytes, name: str, what: str) -> Any:
    """A JSON document, or SourceFileError saying where it breaks."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise not_utf8(name, what, exc.start) from exc
    except json.JSONDecodeError as exc:
        raise not_json(name, exc.lineno, exc.colno, exc.msg) from exc
    except (ValueError, RecursionError) as exc:
        raise too_deep(name) from exc


def entry_list(document: Any, name: str, what: str) -> list[Any]:
    """The ``entries`` list of an export, or SourceFileError."""
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise no_entries(name, what)
    return entries


def no_entries(name: str, what: str) -> SourceFileError:
    return SourceFileError(f"{shown(name)} is not {what}: it has no list of entries.")


def not_utf8(name: str, what: str, start: int) -> SourceFileError:
    return SourceFileError(
        f"{shown(name)} is not text in UTF-8 (byte {start + 1:,}), as {what} is."
    )


def not_json(name: str, line: int, column: int, msg: str) -> SourceFileError:
    return SourceFileError(
        f"{shown(name)} is not valid JSON at line {line:,}, column {column:,} "
        f"({msg.lower()}): it may be cut short; export it again."
    )


def too_deep(name: str) -> SourceFileError:
    return SourceFileError(
        f"{shown(name)} holds JSON that cannot be read (nested too deep or a "
        "number too long)."
    )
