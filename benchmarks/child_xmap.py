"""The least an X client can do: map a window, say when, wait to be killed.

``python child_xmap.py DISPLAY`` creates a plain 1200 x 780 window through
libX11, waits until the server has mapped it (``XSync``), prints one JSON
line with the monotonic time then, and sleeps until it is killed. The outside
measurements time it to learn their own overhead: how late the watcher sees
a map that the client itself has seen done.
"""

from __future__ import annotations

import json
import sys
import time

from xlib import map_window

mapped = map_window(sys.argv[1], 1200, 780)
print(json.dumps({"mapped": mapped}), flush=True)
while True:
    time.sleep(60)
