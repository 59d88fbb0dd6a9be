"""Run one piece of a question's work on a second OS thread while the caller does another.

Why. A hybrid question encodes itself (onnxruntime) and searches the graph (FAISS) on one
side and scores BM25 on the other; neither needs the other's result until fusion, and both
release the GIL while they compute. With one client a worker has the machine's other core
idle, so the dense side runs beside the lexical one (docs/scaling.md, "Overlapping").

Why two ways. Under `qa serve` the worker is gevent's, with `threading` monkey-patched: a
plain ThreadPoolExecutor would start greenlets, which run one after the other on one OS
thread. There gevent's own thread pool (real threads, reporting back to the hub) does it;
everywhere else (`qa ask`, `qa eval`, the tests) a standard executor does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import TypeVar

T = TypeVar("T")


@cache
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="qa-background")


def _under_gevent() -> bool:
    if "gevent.monkey" not in sys.modules:
        return False
    return sys.modules["gevent.monkey"].is_module_patched("threading")


def start(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work` on another OS thread; returns what waits for its result (re-raising its
    exception)."""
    if _under_gevent():
        import gevent

        return gevent.get_hub().threadpool.spawn(work).get
    return _executor().submit(work).result
