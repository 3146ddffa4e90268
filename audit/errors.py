"""Exceptions of the audit trail, importable without loading models (the middleware needs them)."""


class AuditWriteError(Exception):
    """The audit trail could not be written; whatever needed the event must not happen."""
