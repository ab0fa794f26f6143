"""Settings for the whole test session."""

import bots.heap

# `clonebot run` freezes the heap once it serves; in a test process that would pin every
# object alive at that moment for the rest of the session. tests/scenario/test_heap.py checks
# the real behaviour in a fresh interpreter.
bots.heap._settled = True
