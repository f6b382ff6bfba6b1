"""An encrypted journal beside a plain one: the same operations, interleaved.

Encrypted copies of the generated journals are made through the app's own
``encrypt`` (SQLCipher 4, the data key wrapped with the default Argon2id
parameters, so ``journal.key`` is what a person's would be). Each operation
runs on the plain and the encrypted copy in turn (plain, encrypted, plain,
...) so that a busy moment of this shared machine hits both alike, and each
row is the ratio of the medians, encrypted / plain.

Run as a child (``python measure_encryption.py save|history DATA_DIR``, the
data key in hex, or an empty line, on standard input), it times the day
view's autosave or the history as ``child_ui.py`` does, on a journal opened
with its key.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import generate
from children import CHILD_TIMEOUT_S, HERE, child_env
from results import Row, median

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.review import review_window, weekly_review
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.paths import KEY_FILE
from leaderjournal.storage import encryption, keyfile
from leaderjournal.storage.journal import Journal, encrypt

#: The encrypted copies' passphrase (benchmark data, nothing private in it).
PASSPHRASE = "correct horse battery staple of the benchmark"
#: Bump when the way the copies are made changes, so old ones are rebuilt.
COPY_VERSION = 1
COPY_MARKER = "encrypted.json"

LIMIT = 1.3
SAVE_CHILDREN = 3  # per kind and journal, each saving 100 times
HISTORY_CHILDREN = 3
SEARCH_RUNS = 9
REVIEW_WEEKS = 12
REVIEW_RUNS = 5
EXPORT_RUNS = {"ten-year": 7, "100,000": 5}
KDF_RUNS = 5
OPEN_RUNS = 5
SEARCHES = (("rare word", "kintsugi"), ("common word", "team"))
FIRST_PAGE = 100  # the history model's page size


# -- the encrypted copies ------------------------------------------------------------


def _copy_marker(source: Path) -> dict[str, object]:
    """What an encrypted copy was made from: the source journal's marker and
    file, the way copies are made, and the key derivation's parameters."""
    stat = (source / "journal.db").stat()
    kdf = keyfile.DEFAULT_KDF
    return {
        "version": COPY_VERSION,
        "source": json.loads((source / generate.MARKER).read_text()),
        "source_size": stat.st_size,
        "source_mtime_ns": stat.st_mtime_ns,
        "kdf": [kdf.memory_kib, kdf.iterations, kdf.lanes],
    }


def encrypted_copy(source: Path) -> Path:
    """``benchmarks/data/<name>-encrypted``: the journal of ``source``
    encrypted by the app, rebuilt when missing or made from another source."""
    folder = source.with_name(source.name + "-encrypted")
    wanted = _copy_marker(source)
    try:
        marker = json.loads((folder / COPY_MARKER).read_text())
        if marker == wanted and encryption.is_encrypted(folder):
            return folder
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy2(source / "journal.db", folder / "journal.db")
    encrypt(folder, PASSPHRASE, recovery=False)  # the default KDF
    shutil.rmtree(folder / "backups", ignore_errors=True)  # none is made; in case
    (folder / COPY_MARKER).write_text(json.dumps(wanted, indent=2))
    return folder


def scratch_pair(source: Path, encrypted: Path, target: Path) -> tuple[Path, Path]:
    """Fresh copies of the plain and the encrypted journal (and its key)."""
    copies = []
    for name, folder in (("plain", source), ("encrypted", encrypted)):
        copy = target / name
        shutil.rmtree(copy, ignore_errors=True)
        copy.mkdir(parents=True)
        for file in ("journal.db", KEY_FILE):
            if (folder / file).exists():
                shutil.copy2(folder / file, copy / file)
        copies.append(copy)
    return copies[0], copies[1]


# -- rows -----------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def pair_row(
    group: str,
    name: str,
    plain: list[float],
    encrypted: list[float],
    detail: str = "",
    *,
    judged: bool = True,
) -> Row:
    """Encrypted against plain, as the ratio of their medians."""
    p, e = median(plain), median(encrypted)
    ratio = e / p
    return Row(
        group,
        name,
        f"{ratio:.2f} \u00d7 plain ({_ms(e)} vs {_ms(p)})",
        f"\u2264 {LIMIT:g} \u00d7 plain" if judged else "",
        (ratio <= LIMIT) if judged else None,
        detail or f"medians of {len(plain)} runs each, interleaved",
        {"encrypted": e, "plain": p, "ratio": ratio, "runs": len(plain)},
    )


def interleave(
    plain: Callable[[], float], encrypted: Callable[[], float], runs: int
) -> tuple[list[float], list[float]]:
    """``runs`` timings of each, plain then encrypted, after one of each
    that is not kept (the file cache, SQLite's page cache)."""
    plain()
    encrypted()
    p, e = [], []
    for _ in range(runs):
        p.append(plain())
        e.append(encrypted())
    return p, e


# -- children: the day view's autosave and the history --------------------------------


def _child(scenario: str, folder: Path, key: bytes | None) -> dict[str, list[float]]:
    done = subprocess.run(
        [sys.executable, str(HERE / "measure_encryption.py"), scenario, str(folder)],
        input=(key.hex() if key else "") + "\n",
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{scenario} {folder} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _children(
    scenario: str, plain: Path, encrypted: Path, key: bytes, rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """``rounds`` children on each copy, alternating, after one of each that
    is not kept (it makes the day's backup and warms the file cache)."""
    _child(scenario, plain, None)
    _child(scenario, encrypted, key)
    p: dict[str, list[float]] = {}
    e: dict[str, list[float]] = {}
    for _ in range(rounds):
        for times, folder, k in ((p, plain, None), (e, encrypted, key)):
            for name, values in _child(scenario, folder, k).items():
                times.setdefault(name, []).extend(values)
    return p, e


def child_main(scenario: str, data_dir: Path) -> int:
    from child_ui import run_history, run_save
    from PySide6.QtWidgets import QApplication

    line = sys.stdin.readline().strip()
    key = bytes.fromhex(line) if line else None
    app = QApplication([sys.argv[0]])
    with Journal(data_dir, key=key) as journal:
        assert journal.encrypted == (key is not None)
        run = {"save": run_save, "history": run_history}[scenario]
        result = run(journal)
    app.processEvents()
    print(json.dumps(result))
    return 0


def save(pairs: dict[str, tuple[Path, Path]], keys: dict[str, bytes]) -> list[Row]:
    rows = []
    for name, (plain, encrypted) in pairs.items():
        p, e = _children("save", plain, encrypted, keys[name], SAVE_CHILDREN)
        rows.append(
            pair_row(
                "encryption",
                f"save: autosave of an edited entry, {name}",
                p["save"],
                e["save"],
                f"medians of {len(p['save'])} saves each ({SAVE_CHILDREN} children "
                f"of 100, alternating); worst {_ms(max(e['save']))} encrypted, "
                f"{_ms(max(p['save']))} plain",
            )
        )
    return rows


def history(plain: Path, encrypted: Path, key: bytes) -> list[Row]:
    p, e = _children("history", plain, encrypted, key, HISTORY_CHILDREN)
    return [
        pair_row(
            "encryption", "history: open, first page, 100,000", *_pair(p, e, "open")
        ),
        pair_row(
            "encryption",
            "history: next page (pages 2-5), 100,000",
            *_pair(p, e, "next"),
        ),
    ]


def _pair(
    p: dict[str, list[float]], e: dict[str, list[float]], what: str
) -> tuple[list[float], list[float], str]:
    name = f"history_{what}"
    return (
        p[name],
        e[name],
        f"medians of {len(p[name])} each ({HISTORY_CHILDREN} children each, "
        "alternating)",
    )


# -- in process: search, review, export, opening --------------------------------------


def _search_once(journal: Journal, text: str) -> float:
    wanted = HistoryFilter(text=text)
    start = time.perf_counter()
    page = journal.history.page(wanted, 0, FIRST_PAGE)
    total = journal.history.count(wanted)
    took = time.perf_counter() - start
    assert len(page) == min(total, FIRST_PAGE)
    return took


def search(plain: Journal, encrypted: Journal) -> list[Row]:
    rows = []
    for label, text in SEARCHES:
        p, e = interleave(
            lambda: _search_once(plain, text),  # noqa: B023 (used at once)
            lambda: _search_once(encrypted, text),  # noqa: B023
            SEARCH_RUNS,
        )
        rows.append(
            pair_row(
                "encryption",
                f"search: {label} {text}, first page + count, 100,000",
                p,
                e,
            )
        )
    return rows


def _review_once(journal: Journal, week: str) -> float:
    start = time.perf_counter()
    entries = journal.entries.between(*review_window(week))
    figures = weekly_review(week, entries, journal.reviews.targets())
    took = time.perf_counter() - start
    assert figures.week == week
    return took


def review(plain: Journal, encrypted: Journal) -> Row:
    from measure_storage import _weeks

    weeks = _weeks(plain)
    assert weeks == _weeks(encrypted)
    p, e = [], []
    for week in weeks:
        wp, we = interleave(
            lambda: _review_once(plain, week),  # noqa: B023 (used at once)
            lambda: _review_once(encrypted, week),  # noqa: B023
            REVIEW_RUNS,
        )
        p += wp
        e += we
    return pair_row(
        "encryption",
        f"review: any week's review, 100,000 ({REVIEW_WEEKS} weeks)",
        p,
        e,
        f"medians of {len(p)} each ({REVIEW_WEEKS} weeks x {REVIEW_RUNS}, interleaved)",
    )


def _export_once(journal: Journal, target: Path) -> float:
    start = time.perf_counter()
    export_to_file(journal.entries, target, ExportOptions())
    return time.perf_counter() - start


def export(name: str, plain: Journal, encrypted: Journal, scratch: Path) -> Row:
    p, e = interleave(
        lambda: _export_once(plain, scratch / "export-plain.csv"),
        lambda: _export_once(encrypted, scratch / "export-encrypted.csv"),
        EXPORT_RUNS[name],
    )
    same = (scratch / "export-plain.csv").read_bytes() == (
        scratch / "export-encrypted.csv"
    ).read_bytes()
    assert same, "the encrypted journal's export differs from the plain one's"
    return pair_row("encryption", f"export: entries CSV, {name}", p, e)


def key_derivation(encrypted: Path) -> Row:
    """Unwrapping journal.key with the passphrase (Argon2id, default cost)."""
    path = encryption.key_path(encrypted)
    times = []
    for _ in range(KDF_RUNS):
        start = time.perf_counter()
        keyfile.unlock(path, PASSPHRASE)
        times.append(time.perf_counter() - start)
    kdf = keyfile.DEFAULT_KDF
    mid = median(times)
    return Row(
        "encryption",
        "opening: key derivation (Argon2id unwrap of journal.key)",
        f"{mid * 1000:.0f} ms median of {KDF_RUNS}, {max(times) * 1000:.0f} ms worst",
        "",
        None,
        f"reported, no target (about 0.2-0.5 s is right): "
        f"{kdf.memory_kib // 1024} MiB, "
        f"{kdf.iterations} iterations, {kdf.lanes} lanes",
        {"median_s": mid, "worst_s": max(times), "runs": KDF_RUNS},
    )


def _open_once(folder: Path, key: bytes | None) -> float:
    start = time.perf_counter()
    journal = Journal(folder, key=key)
    took = time.perf_counter() - start
    assert journal.encrypted == (key is not None)
    journal.close()
    return took


def opening(name: str, plain: Path, encrypted: Path, key: bytes) -> Row:
    p, e = interleave(
        lambda: _open_once(plain, None), lambda: _open_once(encrypted, key), OPEN_RUNS
    )
    return pair_row(
        "encryption",
        f"opening with the data key known, {name}",
        p,
        e,
        f"reported, no target: Journal(...) with its checks (quick_check reads the "
        f"whole file); medians of {OPEN_RUNS} each, interleaved",
        judged=False,
    )


# -- the group ------------------------------------------------------------


def measure(ten_year: Path, stress: Path, scratch: Path) -> list[Row]:
    made = time.perf_counter()
    sources = {"ten-year": ten_year, "100,000": stress}
    copies = {name: encrypted_copy(source) for name, source in sources.items()}
    print(f"  encrypted copies ready in {time.perf_counter() - made:.1f} s", flush=True)
    keys: dict[str, bytes] = {}
    for name, folder in copies.items():
        found = encryption.data_key(folder, PASSPHRASE)
        assert found is not None
        keys[name] = found
    # Saving writes, so it has copies of its own; the rest only reads.
    saving = {
        name: scratch_pair(source, copies[name], scratch / f"saving-{name}")
        for name, source in sources.items()
    }
    pairs = {
        name: scratch_pair(source, copies[name], scratch / f"encryption-{name}")
        for name, source in sources.items()
    }
    rows = save(saving, keys)
    big_plain, big_enc = pairs["100,000"]
    with Journal(big_plain) as plain, Journal(big_enc, key=keys["100,000"]) as enc:
        rows += search(plain, enc)
        review_row = review(plain, enc)
    rows += history(big_plain, big_enc, keys["100,000"])
    rows.append(review_row)
    for name, (p_folder, e_folder) in pairs.items():
        with Journal(p_folder) as plain, Journal(e_folder, key=keys[name]) as enc:
            rows.append(export(name, plain, enc, scratch))
    rows.append(key_derivation(copies["ten-year"]))
    rows += [opening(name, *pairs[name], keys[name]) for name in sources]
    return rows


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1], Path(sys.argv[2])))
