"""The core never imports Qt: domain, storage, exchange (and sync), the
command line, the settings and the paths load without PySide6, so the
command-line tasks start fast and run where Qt's libraries are missing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

CORE_PACKAGES = (
    "leaderjournal.domain",
    "leaderjournal.storage",
    "leaderjournal.exchange",
    "leaderjournal.sync",  # when it exists
)
CORE_MODULES = ("leaderjournal.cli", "leaderjournal.settings", "leaderjournal.paths")

# Imports every module of the given packages and the given modules in a fresh
# interpreter, and says which it imported and which Qt modules came along.
_PROBE = textwrap.dedent(
    """
    import importlib, importlib.util, json, pkgutil, sys

    packages, modules = json.loads(sys.argv[1])
    names = list(modules)
    for package in packages:
        if importlib.util.find_spec(package) is None:
            continue
        names.append(package)
        path = importlib.import_module(package).__path__
        names += [m.name for m in pkgutil.walk_packages(path, package + ".")]
    for name in names:
        importlib.import_module(name)
    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    print(json.dumps({"imported": names, "qt": qt}))
    """
)


def _probe(packages: tuple[str, ...], modules: tuple[str, ...]) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps([packages, modules])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_core_modules_load_without_qt() -> None:
    seen = _probe(CORE_PACKAGES, CORE_MODULES)

    # Every module was really walked, not just the packages' __init__.
    assert "leaderjournal.domain.limits" in seen["imported"]
    assert "leaderjournal.storage.journal" in seen["imported"]
    assert "leaderjournal.exchange.csv_import" in seen["imported"]
    assert set(CORE_MODULES) <= set(seen["imported"])
    assert seen["qt"] == [], f"the core imported {seen['qt'][:5]}"


def test_the_probe_sees_qt_when_it_is_imported() -> None:
    # The same probe over the user interface finds PySide6, so an empty list
    # above means the core did not import it, not that the probe is blind.
    seen = _probe((), ("leaderjournal.ui.common.lean_colors",))

    assert "PySide6" in seen["qt"]
