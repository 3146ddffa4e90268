"""Errors of the encryption layer.

They name the model, field and reason, never a value: an exception text ends up in logs and
error reports, which are places where plaintext must not appear (architecture pitfall 6).
"""

from __future__ import annotations


class EncryptionError(Exception):
    """Base class: something in field encryption refused to go on."""


class DecryptionError(EncryptionError):
    """A stored value could not be opened. Fail closed: never fall back to ciphertext or empty."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: encrypted value cannot be read ({reason})")


class DataKeyUnavailable(EncryptionError):
    """The data key is destroyed (crypto-shredded) or unknown in the key store."""

    def __init__(self, key_id: object, reason: str) -> None:
        self.key_id = key_id
        self.reason = reason
        super().__init__(f"data key {key_id} is {reason}")


class UnsealedValueError(EncryptionError, TypeError):
    """Something tried to write a value to an encrypted column without sealing it.

    Raised for `QuerySet.update()`, `bulk_update()`, fixtures and other writes that bypass
    `pre_save`: assign the value on the instance and call `save()` instead.
    """


class MissingDataKeyError(EncryptionError):
    """A row with encrypted fields was saved before it was given its dossier's data key."""


class KeyStoreUnavailable(Exception):  # noqa: N818 - named like DataKeyUnavailable
    """The key store did not answer (down, locked past the busy timeout, or too slow).

    Deliberately not an EncryptionError: nothing may treat it as "this value is unreadable" and
    go on. It propagates, and the request is answered with the 503 page (config.errors).
    """
