"""The command line run inside the test's own process, as a subprocess would
report it: exit status, standard output and standard error, as bytes.

Starting Python for each command costs over half a second (most of it
importing sqlite-utils and numpy); a test that only looks at the output, the
exit status and the files runs ``main()`` here instead. What needs a process
of its own (signals, locks held by another process, the environment, dropped
privileges, the real ``python -m leaderjournal``) still starts one.
"""

from __future__ import annotations

import io
import subprocess
import sys

from leaderjournal.cli import main


def run_main(
    *args: str, stdin: str = "", text: bool = False
) -> subprocess.CompletedProcess:
    """``leaderjournal *args`` with ``stdin`` as its standard input.

    As with ``subprocess.run(..., capture_output=True)``: ``stdout`` and
    ``stderr`` are bytes, or with ``text`` strings with universal newlines;
    a refusal by the argument parser is its exit status, not an exception.
    """
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.StringIO(stdin)
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, bad arguments
            status = exc.code if isinstance(exc.code, int) else int(bool(exc.code))
        stdout, stderr = out.getvalue(), err.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    if text:
        return subprocess.CompletedProcess(
            list(args), status, _text(stdout), _text(stderr)
        )
    return subprocess.CompletedProcess(list(args), status, stdout, stderr)


def _text(data: bytes) -> str:
    """Bytes read as ``subprocess.run(..., text=True)`` reads them."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
