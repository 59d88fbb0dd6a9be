"""The index a running service answers from: the newest build it can verify, swapped in
when a new one is published, and the last good one kept when a new one is broken.

Each worker process holds one LiveIndex. It notices a new build by re-reading the `current`
link (a readlink, at most once a second, or at once on the admin endpoint), opens and verifies
the new build off the request path (checksums included: qa.integrity makes that a few stats
when the files are as their writer stamped them, and hashes them when they are not), and only
then swaps the reference: requests in flight finish on the old build, new ones use the new.

A published build that cannot be verified is never served. A worker already serving keeps
its build; a worker that boots onto a broken `current` (gunicorn restarts workers on HUP,
after a crash, or at max_requests) goes back to the newest older build that verifies. Either
way /health says `degraded` and why; with no valid build at all, /health and the API answer
503 and the worker keeps looking, so a good build is served within a second of its publish.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from qa import integrity, layout
from qa.errors import QAError
from qa.query_cache import QUESTIONS
from qa.retrieve import Retriever

log = logging.getLogger(__name__)

CHECK_EVERY_S = 1.0
# A published build that failed is tried again this often: its files may be put right in
# place (a failed check that has to hash costs seconds at a million passages, off the
# request path when another build is serving).
RETRY_BROKEN_S = 10.0


class IndexUnavailable(QAError):
    """No valid index is loaded (HTTP 503)."""


@dataclass
class _Opened:
    """What opening one target gave: the retriever, or why not, and whether it is a step
    back to an older build."""

    target: str | None
    retriever: Retriever | None = None
    error: str | None = None
    fallback: Retriever | None = None


def _run_off_loop(work, done) -> None:
    """Run `work()` on an OS thread, then `done(result)`. Under gevent (the server's workers)
    threading.Thread is a greenlet and hashing a build in one would stall every request of
    the worker, so the hub's thread pool runs the work and a greenlet delivers the result."""
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        monkey = None
    if monkey is not None and monkey.is_module_patched("threading"):
        import gevent

        def deliver() -> None:
            done(gevent.get_hub().threadpool.apply(work))

        gevent.spawn(deliver)
        return
    threading.Thread(target=lambda: done(work()), daemon=True).start()


def _quick_to_open(target: str | None) -> bool:
    """A build whose files are as its writer stamped them opens in milliseconds (the request
    that noticed it may as well wait); one that must be hashed is opened in the background."""
    if target is None:
        return True
    try:
        files = json.loads((Path(target) / layout.MANIFEST).read_text())["files"]
        return integrity.is_stamped(Path(target), {n: f["sha256"] for n, f in files.items()})
    except Exception:  # unreadable or malformed: the background open reports why
        return False


class LiveIndex:
    def __init__(self, index_dir: Path, model: str, verify: bool = True) -> None:
        self.index_dir = index_dir
        self.model = model
        self.verify = verify
        self._retriever: Retriever | None = None
        self._target: str | None = None  # the published build last tried (served or not)
        self._loading = False
        self._checked = self._failed_at = 0.0
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
        live._loading, live._checked, live._failed_at = False, time.monotonic(), 0.0
        live.last_error, live.reloads = None, 0
        return live

    def _current_target(self) -> str | None:
        link = self.index_dir / "current"
        try:
            return os.path.realpath(link) if link.exists() else None
        except (OSError, ValueError):
            return None

    # -- loading ----------------------------------------------------------------------------

    def _open(self, target: str | None, fall_back: bool) -> _Opened:
        """Open and verify the published build; with `fall_back`, when it fails, also the
        newest older build that passes (a worker with nothing to serve)."""
        opened = _Opened(target)
        if target is None:
            opened.error = f"no index at {self.index_dir}/current: build one with `qa index`"
        else:
            try:
                opened.retriever = self._open_build(Path(target))
            except QAError as exc:
                opened.error = str(exc)
        if opened.retriever is None and fall_back:
            for older in self._older_builds(target):
                try:
                    opened.fallback = self._open_build(older)
                    break
                except QAError as exc:
                    log.warning("older build %s not usable either: %s", older.name, exc)
        return opened

    def _open_build(self, build: Path) -> Retriever:
        return Retriever.open_build(build, self.index_dir, self.model, verify=self.verify)

    def _older_builds(self, target: str | None) -> list[Path]:
        builds = self.index_dir / "builds"
        try:
            found = [
                p
                for p in builds.iterdir()
                if p.is_dir() and not p.name.startswith(".") and str(p.resolve()) != target
            ]
        except OSError:
            return []
        # Build ids start with their UTC timestamp: newest first.
        return sorted(found, key=lambda p: p.name, reverse=True)

    def _install(self, opened: _Opened) -> bool:
        """Make what was opened current; True when the served build changed."""
        self._loading = False
        self._target = opened.target  # a broken build is not retried every second
        new = opened.retriever or (opened.fallback if self._retriever is None else None)
        if opened.retriever is not None:
            self.last_error = None
        else:
            self.last_error, self._failed_at = opened.error, time.monotonic()
            log.error("published build not served: %s", opened.error)
        if new is None:
            return False
        old, self._retriever = self._retriever, new
        if old is not None:
            self.reloads += 1
        if opened.retriever is None:
            log.warning("serving the previous build %s instead", new.manifest["build_id"])
        elif old is not None:
            log.warning("now serving build %s", new.manifest["build_id"])
        return True

    def refresh(self, force: bool = False) -> bool:
        """Look for a newly published build. With nothing to serve yet, or `force` (boot, the
        admin endpoint), load it now and say whether the served build changed; otherwise load
        it in the background while the current build keeps answering."""
        now = time.monotonic()
        if not force and (self._loading or now - self._checked < CHECK_EVERY_S):
            return False
        self._checked = now
        target = self._current_target()
        if target == self._target and not force:
            if not self.last_error or now - self._failed_at < RETRY_BROKEN_S:
                return False
        elif target == self._target and self._retriever is not None and not self.last_error:
            return False
        fall_back = self._retriever is None
        if force or fall_back or _quick_to_open(target):
            return self._install(self._open(target, fall_back))
        self._loading = True
        _run_off_loop(lambda: self._open(target, False), self._install)
        return False

    # -- answering --------------------------------------------------------------------------

    def get(self) -> Retriever:
        self.refresh()
        if self._retriever is None:
            raise IndexUnavailable(self.last_error or f"no index loaded from {self.index_dir}")
        return self._retriever

    def health(self) -> tuple[int, dict]:
        self.refresh()
        if self._retriever is None:
            return 503, {"status": "unavailable", "error": self.last_error}
        body = {
            "status": "ok",
            "index": self._retriever.stats(),
            "reloads": self.reloads,
            "question_cache": QUESTIONS.stats().as_dict(),  # this worker's
        }
        if self.last_error:
            body["status"] = "degraded"
            body["error"] = self.last_error
            if self._target:
                body["published_build"] = Path(self._target).name
        return 200, body
