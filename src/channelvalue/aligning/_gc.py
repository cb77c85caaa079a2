"""`paused_gc()`: the cyclic garbage collector paused while an audit builds its findings
(private).

An audit of a large network builds hundreds of thousands of small objects (findings, their
subjects and evidence) that hold no reference cycles. Each batch of new container objects
triggers the cyclic collector, and its full passes walk every object alive, the network's
included: at 100,000 partners that is about a fifth of the audit's time, for nothing to
collect. Reference counting still frees every object as usual while the collector is
paused; it is switched back on (if it was on) on the way out, also after an exception,
and then collects whatever cycles were left meanwhile at its next pass.

Examples:
    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (restored on exit)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
