"""`qa serve`: the app under gunicorn, each worker opening the (memory-mapped) index once."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

from qa.config import Settings


def _share_cores(server, worker) -> None:
    """Each sync worker answers one request at a time: give each its share of the cores, or
    the model's and FAISS's per-process thread pools fight over them and every query waits."""
    import faiss

    from qa.embed import set_threads

    share = max(1, (os.cpu_count() or 1) // max(1, worker.cfg.workers))
    set_threads(share)
    faiss.omp_set_num_threads(share)


class Server(BaseApplication):
    def __init__(self, settings: Settings, options: dict | None = None) -> None:
        self.settings = settings
        self.options = {
            "bind": f"{settings.host}:{settings.port}",
            "workers": settings.workers,
            "worker_class": "sync",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": "info",
            "post_fork": _share_cores,  # before the worker loads the app and its model
            **(options or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from qa.web import create_app

        return create_app(self.settings)
