"""Cost figures for field encryption: per-field seal/open and opening a 25-row page.

Runs without the database (a random in-memory key), so it measures the cryptography and the
field code only; query costs belong to the page benchmarks of the application.
"""

from __future__ import annotations

import datetime
import os
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from encryption import aead
from encryption.blind_index import index_value
from encryption.fields import EncryptedCharField, EncryptedDateField, EncryptedJSONField, EncryptedTextField

SAMPLES: dict[str, tuple[object, object]] = {
    "short text": (EncryptedCharField(max_length=200, label="bench.char"), "Testpersoon van der Zonnebloem"),
    "text": (EncryptedTextField(label="bench.text"), "Aantekening " * 60),
    "date": (EncryptedDateField(label="bench.date"), datetime.date(1980, 1, 31)),
    "json": (EncryptedJSONField(label="bench.json"), {"adres": "Teststraat 1", "telefoon": "0612345678"}),
}


def _open_and_decode(field: Any, sealed: Any, *, cipher: Any, label: str, row_id: Any) -> Any:
    return field.decode(aead.open_sealed(sealed, cipher=cipher, label=label, row_id=row_id))


def _per_call(fn: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1e6


def run_benchmark(*, repeat: int = 5000, page_rows: int = 25) -> dict[str, float]:
    """Microseconds per operation, keyed by a readable name."""
    cipher = AESGCM(os.urandom(32))
    key_id, row_id = uuid.uuid4(), uuid.uuid4()
    figures: dict[str, float] = {}
    sealed_page = []
    for name, (field, value) in SAMPLES.items():
        data = field.encode(value)  # type: ignore[attr-defined]
        label = field.encryption_label  # type: ignore[attr-defined]
        sealed = aead.seal(data, cipher=cipher, key_id=key_id, label=label, row_id=row_id)
        figures[f"seal {name}"] = _per_call(
            partial(aead.seal, data, cipher=cipher, key_id=key_id, label=label, row_id=row_id), repeat)
        figures[f"open {name}"] = _per_call(
            partial(_open_and_decode, field, sealed, cipher=cipher, label=label, row_id=row_id), repeat)
        sealed_page.append((field, label, sealed))
    figures["blind index (HMAC)"] = _per_call(lambda: index_value("bench.bsn", ["111222333"]), repeat)

    def open_page() -> None:
        for _row in range(page_rows):
            for field, label, sealed in sealed_page:
                field.decode(aead.open_sealed(sealed, cipher=cipher, label=label, row_id=row_id))  # type: ignore

    figures[f"open all fields of a {page_rows}-row page"] = _per_call(open_page, max(1, repeat // 50))
    return figures
