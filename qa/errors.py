"""Domain errors: the CLI prints them as one line, the web layer turns them into JSON."""


class QAError(Exception):
    """A problem the user can fix; its message says how."""


class IndexNotFound(QAError):
    pass


class IndexInvalid(QAError):
    pass


class ModelMismatch(QAError):
    pass


class BadQuery(QAError):
    """A request the service understood but cannot answer as asked (HTTP 400)."""


class IndexBusy(QAError):
    """Another `qa index` holds the index folder's write lock; two writers would lose work."""


class IndexWriteFailed(QAError):
    """The OS refused a write (disk full, read-only, no permission): nothing was published."""
