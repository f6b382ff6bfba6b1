"""Running a piece of the app in a child process on a small or read-only disk.

``unshare -rm`` gives the child a mount namespace of its own (as an
unprivileged user too), so a tiny tmpfs or a read-only bind mount exists for
that child alone. Where this is not allowed, the test is skipped, saying so.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
_MOUNT_FAILED = 97


def run_on_mount(
    folder: Path,
    script: str,
    *args: str,
    tmpfs_size: str | None = None,
    read_only: bool = False,
) -> dict[str, Any]:
    """Run ``script`` (Python, with ``args``) with ``folder`` mounted as a
    tmpfs of ``tmpfs_size`` or bound read-only; returns the JSON object the
    script prints last."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        pytest.skip("needs Linux mount namespaces (unshare)")
    folder.mkdir(parents=True, exist_ok=True)
    where = shlex.quote(str(folder))
    if tmpfs_size is not None:
        mount = f"mount -t tmpfs -o size={tmpfs_size},mode=0700 tmpfs {where}"
    elif read_only:
        mount = f"mount --bind {where} {where} && mount -o remount,bind,ro {where}"
    else:
        raise ValueError("say how to mount the folder")
    command = " ".join(
        shlex.quote(part) for part in (sys.executable, "-c", script, *args)
    )
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"{mount} || exit {_MOUNT_FAILED}; {command}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode == _MOUNT_FAILED or (
        result.returncode != 0 and "unshare:" in result.stderr
    ):
        pytest.skip(f"mount namespaces are not allowed here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


FILL_THE_DISK = """
def fill_the_disk(folder):
    import os
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"x" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
"""
