"""`qa serve`: the app under gunicorn, each worker opening the (memory-mapped) index once."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from qa.config import Settings


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
            **(options or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from qa.web import create_app

        return create_app(self.settings)
