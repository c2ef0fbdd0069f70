class DomainError(Exception):
    """A request the domain refuses: bad input, a forbidden transition, a conflict.

    Services raise it; the API exception handler turns it into 400 (or 409 for conflicts)
    and page views show its message next to the form.
    """

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class ConflictError(DomainError):
    """The request clashes with the current state (a duplicate, a stale edit)."""

    def __init__(self, message: str, *, code: str = "conflict", field: str | None = None):
        super().__init__(message, code=code, field=field)
