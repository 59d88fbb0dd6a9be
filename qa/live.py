"""The index a running service answers from, swapped when a new build is published.

Each worker process holds one LiveIndex. It notices a new build by re-reading the `current`
link (a readlink, at most once a second, or at once on SIGHUP or the admin endpoint), opens
the new build fully, and only then swaps the reference: requests in flight finish on the old
build, new ones use the new. A new build that fails to open is not swapped in; the old one
keeps serving and /health reports the failure.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from qa.errors import QAError
from qa.retrieve import Retriever

log = logging.getLogger(__name__)

CHECK_EVERY_S = 1.0


class IndexUnavailable(QAError):
    """No valid index is loaded (HTTP 503)."""


class LiveIndex:
    def __init__(self, index_dir: Path, model: str, verify: bool = True) -> None:
        self.index_dir = index_dir
        self.model = model
        self.verify = verify
        self._retriever: Retriever | None = None
        self._target: str | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self.last_error: str | None = None
        self.reloads = 0
        self.refresh(force=True)

    @classmethod
    def wrap(cls, retriever: Retriever) -> LiveIndex:
        """A LiveIndex around an already-open retriever (tests, embedding in other apps)."""
        live = cls.__new__(cls)
        live.index_dir = retriever.build.parent.parent
        live.model, live.verify = retriever.model, False
        live._retriever, live._target = retriever, str(retriever.build)
        live._checked, live._lock = time.monotonic(), threading.Lock()
        live.last_error, live.reloads = None, 0
        return live

    def _current_target(self) -> str | None:
        try:
            return (
                os.path.realpath(self.index_dir / "current")
                if (self.index_dir / "current").exists()
                else None
            )
        except OSError:
            return None

    def refresh(self, force: bool = False) -> bool:
        """Swap in a newly published build if there is one; True when a swap happened."""
        now = time.monotonic()
        if not force and now - self._checked < CHECK_EVERY_S:
            return False
        with self._lock:
            self._checked = now
            target = self._current_target()
            if target is not None and target == self._target and self._retriever is not None:
                return False
            try:
                retriever = Retriever.open(self.index_dir, self.model, verify=self.verify)
            except QAError as exc:
                self.last_error = str(exc)
                self._target = target  # do not retry a broken build every second
                log.error("index not loaded: %s", exc)
                return False
            old, self._retriever, self._target = self._retriever, retriever, str(retriever.build)
            self.last_error = None
            if old is not None:
                self.reloads += 1
                log.warning("now serving build %s", retriever.manifest["build_id"])
            return True

    def get(self) -> Retriever:
        self.refresh()
        if self._retriever is None:
            raise IndexUnavailable(self.last_error or f"no index loaded from {self.index_dir}")
        return self._retriever

    def health(self) -> tuple[int, dict]:
        self.refresh()
        if self._retriever is None:
            return 503, {"status": "unavailable", "error": self.last_error}
        body = {"status": "ok", "index": self._retriever.stats(), "reloads": self.reloads}
        if self.last_error:
            body["status"] = "degraded"
            body["error"] = self.last_error
        return 200, body
