"""Retrieval question answering over news articles, with exact, checkable citations."""

__version__ = "0.1.0"
