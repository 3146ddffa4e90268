"""Synthetic values for `seed_scale`: deterministic ids, valid BSNs, fake names, dates.

Everything is derived from the seed and a position, so a batch seeded again after an interruption
produces the same rows, and an audit event can name the case and person of position `i` without
reading them back. All names are visibly fake ("Schaaltest..."); BSNs pass the 11-test but come
from the seed, not from any register.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, timedelta

FIRST_NAMES = ("Testine", "Testan", "Demi", "Demo", "Proefje", "Schaal", "Probeer", "Voorbeeld", "Fictief", "Nepper")
SURNAMES = ("Appel", "Beuk", "Citroen", "Duin", "Eik", "Fazant", "Gerst", "Haver", "Iep", "Jasmijn", "Kastanje",
            "Linde", "Mispel", "Noot", "Olijf", "Peer", "Quinoa", "Rogge", "Spelt", "Tarwe")
STREETS = ("Schaalstraat", "Proefweg", "Testlaan", "Demoplein", "Voorbeeldkade", "Nepgracht")
BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def stable_uuid(seed: int, kind: str, index: int) -> uuid.UUID:
    """A version-4-shaped UUID that depends only on (seed, kind, index)."""
    digest = hashlib.blake2b(f"{seed}:{kind}:{index}".encode(), digest_size=16).digest()
    return uuid.UUID(bytes=digest, version=4)


def stable_uuid_text(seed: int, kind: str, index: int) -> str:
    """`str(stable_uuid(seed, kind, index))`, without a UUID object: the version and variant bits set on the
    digest's bytes as `uuid.UUID(version=4)` sets them (a third of an audit event's seeding went to UUID
    objects made only to be written as text)."""
    digest = bytearray(hashlib.blake2b(f"{seed}:{kind}:{index}".encode(), digest_size=16).digest())
    digest[6] = digest[6] & 0x0F | 0x40
    digest[8] = digest[8] & 0x3F | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def batch_random(seed: int, kind: str, batch: int) -> random.Random:
    """The random source of one batch: the same batch always draws the same values."""
    return random.Random(f"{seed}:{kind}:{batch}")  # noqa: S311 - synthetic data, not security


def bsn_for(seed: int, index: int) -> str:
    """A 9-digit number that passes the 11-test, different for each index (up to 10^8 / seed)."""
    attempt = 0
    while True:
        digest = hashlib.blake2b(f"{seed}:bsn:{index}:{attempt}".encode(), digest_size=8).digest()
        base = f"{int.from_bytes(digest, 'big') % 90_000_000 + 10_000_000:08d}"
        check = sum(int(digit) * weight for digit, weight in zip(base, BSN_WEIGHTS, strict=True)) % 11
        if check < 10:
            return base + str(check)
        attempt += 1


def person_values(rng: random.Random, index: int, seed: int, *, with_bsn: bool) -> dict:
    """The plaintext of one synthetic person (names say 'test' so nobody mistakes them for real)."""
    surname = f"Schaaltest {rng.choice(SURNAMES)}{index % 9973}"
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 65))
    return {
        "first_names": rng.choice(FIRST_NAMES),
        "surname": surname,
        "bsn": bsn_for(seed, index) if with_bsn else None,
        "date_of_birth": born,
        "address": f"{rng.choice(STREETS)} {rng.randrange(1, 400)}, 9{rng.randrange(100, 999)} ZZ Schaalstad",
        "phone": f"0600{rng.randrange(0, 999_999):06d}",
    }


def day_around(today: date, spread_by: date, *, overdue_days: int = 7, ahead_days: int = 14) -> date:
    """A day from about `overdue_days` before `today` to `ahead_days` after it, which one following from
    `spread_by` (a seeded case's opening date): where a seeded term is still running, so that the deadline pages
    see some overdue and most ahead, without a draw that would change the seed's other draws."""
    return today - timedelta(days=spread_by.toordinal() % (ahead_days + overdue_days) - ahead_days)
