"""The peak resident memory of this process, in kilobytes.

Linux's ``ru_maxrss`` survives ``exec``: a child started by a parent that
had grown to 500 MB reports at least 500 MB, whatever it did itself (the
whole run measured this group after others had filled the parent). The
kernel's ``VmHWM`` belongs to the process's own memory and starts again at
``exec``, so it is used where there is one.
"""

from __future__ import annotations

import resource
from pathlib import Path


def peak_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
