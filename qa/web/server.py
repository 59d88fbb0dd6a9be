"""`qa serve`: the app under gunicorn (gevent workers, qa.web.worker), each worker opening
the (memory-mapped) index once."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

from qa.config import Settings


def _share_cores(server, worker) -> None:
    """Each worker computes one answer at a time: give each its share of the cores, or the
    model's and FAISS's per-process thread pools fight over them and every query waits."""
    import faiss

    from qa.embed import set_threads

    share = max(1, (os.cpu_count() or 1) // max(1, worker.cfg.workers))
    set_threads(share)
    faiss.omp_set_num_threads(share)


def _after_fork(server, worker) -> None:
    worker.hold_signals()  # first: a stop may come while the worker boots (qa.web.worker)
    _share_cores(server, worker)


class Server(BaseApplication):
    def __init__(self, settings: Settings, options: dict | None = None) -> None:
        self.settings = settings
        self.options = {
            "bind": f"{settings.host}:{settings.port}",
            "workers": settings.workers,
            "worker_class": "qa.web.worker.Worker",
            "timeout": 60,
            "graceful_timeout": 10,
            # A request's headers must arrive within this many seconds (qa.web.worker).
            "keepalive": 5,
            # gunicorn's ceiling: a 1,000-character question in any alphabet of two UTF-8
            # bytes per letter fits a GET, percent-encoded (the form posts, so any fits).
            "limit_request_line": 8190,
            # gunicorn 27's control socket is one path per user: two services would share it.
            "control_socket_disable": True,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": "info",
            "post_fork": _after_fork,  # before the worker loads the app and its model
            **(options or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from qa.web import create_app

        # A worker always starts: on the last good build when the published one is broken,
        # or answering 503 until one is published (qa.live); never a boot loop.
        return create_app(self.settings, strict=False)
