"""Exceptions of the audit trail, importable without loading models (the middleware needs them)."""


class AuditWriteError(Exception):
    """The audit trail could not be written; whatever needed the event must not happen."""


class RefusalLimitExceeded(Exception):
    """The user was refused too often in the current window: answer 429 and record no more refusals."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many refused requests")
        self.retry_after = retry_after
