"""Form fields for encrypted model fields: they show the decrypted initial value of a bound row.

`EncryptedField.value_from_object` returns ciphertext (so `dumpdata` and other generic code
never see plaintext); a model form's initial value therefore arrives sealed, and these fields
open it only for rendering the form.
"""

from __future__ import annotations

from typing import Any

from django import forms


def _plain(value: Any) -> Any:
    opener = getattr(value, "open_bound", None)
    return opener() if callable(opener) else value


class OpensSealedInitial:
    def prepare_value(self, value: Any) -> Any:
        return super().prepare_value(_plain(value))  # type: ignore[misc]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return super().has_changed(_plain(initial), data)  # type: ignore[misc]


class EncryptedCharFormField(OpensSealedInitial, forms.CharField):
    pass


class EncryptedDateFormField(OpensSealedInitial, forms.DateField):
    pass


class EncryptedJSONFormField(OpensSealedInitial, forms.JSONField):
    pass
