"""Retrieval question answering over news articles, with exact, checkable citations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qa")  # pyproject's [project] version, as installed
except PackageNotFoundError:  # pragma: no cover - a checkout used without `pip install -e`
    __version__ = "0.1.0"
