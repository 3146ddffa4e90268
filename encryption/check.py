"""Sample every encrypted column and report what does not open, by model, field and row id only."""

from __future__ import annotations

from dataclasses import dataclass, field

from encryption import registry
from encryption.exceptions import DecryptionError
from encryption.preload import preload_keys
from encryption.scope import key_scope


@dataclass(frozen=True)
class Failure:
    model: str
    field: str
    row_id: str
    reason: str


@dataclass
class CheckReport:
    values_checked: int = 0
    shredded: int = 0  # values whose data key was destroyed on purpose
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def encryption_check(*, sample: int = 100) -> CheckReport:
    """Open up to `sample` random rows per model (live and history); never returns a value."""
    report = CheckReport()
    for model in registry.encrypted_models():
        fields = registry.encrypted_fields(model)
        with key_scope():
            rows = preload_keys(list(model._base_manager.order_by("?")[:sample]))
            for row in rows:
                for enc_field in fields:
                    if row.__dict__.get(enc_field.attname) is None:
                        continue
                    report.values_checked += 1
                    try:
                        getattr(row, enc_field.attname)
                    except DecryptionError as exc:
                        if exc.reason == "data key destroyed":
                            report.shredded += 1
                        else:
                            report.failures.append(
                                Failure(model._meta.label, enc_field.name, str(row.pk), exc.reason)
                            )
    return report
