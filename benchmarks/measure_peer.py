"""LeaderJournal against jrnl, a plain-text journal on the command line.

The ten-year journal is written as a jrnl journal (``[YYYY-MM-DD HH:MM]``
headers, title on the first line, tags as ``@tags``) and jrnl runs from its
own virtual environment (installed here on first use) with a configuration
in a temporary XDG_CONFIG_HOME, so no real jrnl set-up is read or touched.
Both tools run as fresh processes, timed from launch to exit.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from children import HERE, child_env
from results import Row, median, not_measured

from leaderjournal.storage.journal import Journal

PEER_VENV = HERE / ".venv-peer"
PEER_PACKAGE = "jrnl"
RUNS = 5
SEARCH_WORD = "kintsugi"
COMMON_WORD = "team"

_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def install_jrnl() -> Path:
    """The jrnl command, installed into its own environment if missing."""
    command = PEER_VENV / "bin" / "jrnl"
    if not command.exists():
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(PEER_VENV)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                str(PEER_VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                PEER_PACKAGE,
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return command


def write_jrnl_journal(source: Path, target: Path) -> int:
    """The journal in ``source`` as a jrnl text file; returns its entries."""
    count = 0
    with Journal(source) as journal, target.open("w", encoding="utf-8") as out:
        for entry in journal.entries.iter_all():
            stamp = entry.created_at.replace(tzinfo=None)
            title = " ".join(entry.title.split()) or "Entry"
            tags = " ".join("@" + "-".join(tag.split()) for tag in entry.tags)
            body = entry.text.strip() + (f"\n\n{tags}" if tags else "")
            out.write(f"[{stamp:%Y-%m-%d %H:%M}] {title}.\n{body}\n\n")
            count += 1
    return count


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
    return time.monotonic() - start


def _runs(command: list[str], env: dict[str, str]) -> list[float]:
    _timed(command, env)  # warm the file cache and bytecode
    return [_timed(command, env) for _ in range(RUNS)]


def _row(name: str, ours: list[float], theirs: list[float], detail: str) -> Row:
    mine, peer = median(ours), median(theirs)
    return Row(
        "peer",
        name,
        f"{peer / mine:.1f} \u00d7 faster ({mine:.2f} s vs jrnl {peer:.2f} s)",
        "faster than jrnl",
        mine < peer,
        f"medians of {RUNS} runs, process launch to exit; {detail}",
        {"leaderjournal_s": mine, "jrnl_s": peer},
    )


def measure(ten_year: Path, scratch: Path) -> list[Row]:
    try:
        jrnl = install_jrnl()
    except (OSError, subprocess.SubprocessError) as exc:
        why = f"jrnl could not be installed ({exc.__class__.__name__})"
        return [not_measured("peer", "export and search against jrnl", why)]
    peer = scratch / "jrnl"
    (peer / "jrnl").mkdir(parents=True, exist_ok=True)
    entries = write_jrnl_journal(ten_year, peer / "journal.txt")
    (peer / "jrnl" / "jrnl.yaml").write_text(
        _CONFIG.format(journal=peer / "journal.txt")
    )
    peer_env = dict(child_env(), XDG_CONFIG_HOME=str(peer), NO_COLOR="1")
    ours = [sys.executable, "-m", "leaderjournal", "--data-dir", str(ten_year)]
    export = _row(
        f"export, ten-year ({entries:,} entries)",
        _runs([*ours, "export", str(scratch / "peer.csv")], child_env()),
        _runs(
            [str(jrnl), "--format", "json", "--file", str(peer / "out.json")], peer_env
        ),
        "LeaderJournal CSV vs jrnl JSON, each tool's full export",
    )
    rows = [export]
    for word in (SEARCH_WORD, COMMON_WORD):
        search = [sys.executable, str(HERE / "child_search.py"), str(ten_year), word]
        rows.append(
            _row(
                f"search {word!r}, ten-year, newest 100",
                _runs(search, child_env()),
                _runs([str(jrnl), "-n", "100", "-contains", word], peer_env),
                "jrnl -n 100 -contains vs the history's search",
            )
        )
    return rows


def jrnl_version() -> str:
    """jrnl's version, for the README ("not installed" before a run)."""
    command = PEER_VENV / "bin" / "jrnl"
    if not command.exists():
        return "not installed"
    done = subprocess.run(
        [str(command), "--version"], capture_output=True, text=True, check=False
    )
    return done.stdout.splitlines()[0] if done.stdout else "unknown"
