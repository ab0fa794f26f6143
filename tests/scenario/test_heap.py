"""The serving process's collector settings (bots.heap), checked in a fresh interpreter."""

import json
import subprocess
import sys

from bots.heap import THRESHOLDS

PROBE = """
import gc, json
from bots.heap import settle_after_startup
before = gc.get_freeze_count()
settle_after_startup()
first = gc.get_freeze_count()
junk = [[i] for i in range(1000)]
settle_after_startup()
print(json.dumps([before, first, gc.get_freeze_count(), list(gc.get_threshold())]))
"""


def test_settling_freezes_startup_objects_once_and_raises_the_thresholds():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    before, first, second, thresholds = json.loads(out.stdout)
    assert before == 0
    assert first > 1000, "what startup built is frozen"
    assert second == first, "a second call pins nothing more"
    assert tuple(thresholds) == THRESHOLDS
