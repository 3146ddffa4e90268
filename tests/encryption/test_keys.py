"""Key store, resolver, cache and scopes (encryption/keystore.py, resolver.py, cache.py, scope.py)."""

from __future__ import annotations

import sqlite3
import time

import pytest
from django.db import connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from encryption import signals
from encryption.cache import KeyCache
from encryption.exceptions import DataKeyUnavailable, DecryptionError
from encryption.keyring import get_provider
from encryption.keystore import datakey_create, datakey_destroy
from encryption.middleware import KeyScopeMiddleware
from encryption.models import DataKey
from encryption.preload import preload_keys
from encryption.resolver import KeyResolver, default_resolver, preload_key_ids
from encryption.scope import key_scope
from tests.encryption.conftest import PLAIN, make_dossier, make_note
from tests.testapps.crypto.models import Dossier

pytestmark = pytest.mark.django_db(databases="__all__")


class AllQueries:
    """Counts queries on every alias (an N+1 on the key store would hide otherwise)."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in connections}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self.contexts.values():
            context.__exit__(*exc)

    def count(self, alias: str | None = None) -> int:
        if alias:
            return len(self.contexts[alias])
        return sum(len(c) for c in self.contexts.values())


def test_data_keys_live_in_the_key_store_only():
    key = datakey_create()
    assert DataKey.objects.using("keys").filter(id=key.id).exists()
    tables = connections["default"].introspection.table_names()
    assert DataKey._meta.db_table not in tables
    assert key.kek_id == get_provider().active_kek_id()
    assert len(bytes(key.wrapped_key)) == 12 + 32 + 16


def test_shredding_makes_live_and_history_rows_unreadable_and_spares_other_dossiers():
    shredded, kept = make_dossier(), make_dossier(name="Testpersoon Blijft")
    make_note(shredded)
    shredded.name = "Testpersoon Tweede Versie"
    shredded.save()
    received = []
    signals.dossier_shredded.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t-shred")
    try:
        datakey_destroy(key_id=shredded.data_key_id, dossier_id=shredded.id, reason="bewaartermijn verstreken")
    finally:
        signals.dossier_shredded.disconnect(dispatch_uid="t-shred")
    row = DataKey.objects.get(id=shredded.data_key_id)
    assert row.destroyed_at is not None and bytes(row.wrapped_key) == b""
    with pytest.raises(DecryptionError, match="data key destroyed"):
        _ = Dossier.objects.get(pk=shredded.pk).name
    for history in Dossier.history.filter(id=shredded.pk):
        with pytest.raises(DecryptionError):
            _ = history.name
    with pytest.raises(DecryptionError):
        _ = shredded.note_set.get().text
    assert Dossier.objects.get(pk=kept.pk).name == "Testpersoon Blijft"
    assert received[0]["dossier_id"] == shredded.id and received[0]["key_id"] == shredded.data_key_id
    assert {"actor", "when", "reason"} <= set(received[0])


def test_a_restored_pre_shred_copy_of_the_main_database_stays_unreadable():
    shredded, kept = make_dossier(), make_dossier(name="Testpersoon Blijft")
    connections["default"].ensure_connection()
    dump = "\n".join(connections["default"].connection.iterdump())  # the nightly backup, before shredding
    backup = sqlite3.connect(":memory:")
    backup.executescript(dump)  # ... restored after the shredding
    datakey_destroy(key_id=shredded.data_key_id, dossier_id=shredded.id, reason="test")
    columns = [f.column for f in Dossier._meta.concrete_fields]
    rows = backup.execute(f'SELECT {", ".join(columns)} FROM "{Dossier._meta.db_table}"').fetchall()  # noqa: S608
    connection = connections["default"]
    restored = {}
    for values in rows:
        converted = [
            f.from_db_value(v, None, connection) if hasattr(f, "from_db_value") else f.to_python(v)
            for f, v in zip(Dossier._meta.concrete_fields, values, strict=True)
        ]
        obj = Dossier.from_db("default", [f.attname for f in Dossier._meta.concrete_fields], converted)
        restored[obj.id] = obj
    with pytest.raises(DecryptionError, match="destroyed"):
        _ = restored[shredded.id].bsn
    assert restored[kept.id].name == "Testpersoon Blijft"


def test_a_worker_that_cached_the_key_stops_using_it_after_shredding():
    dossier = make_dossier()
    other_worker = KeyResolver(KeyCache())
    with key_scope():
        other_worker.cipher(dossier.data_key_id)
    assert dossier.data_key_id in other_worker.cache
    datakey_destroy(key_id=dossier.data_key_id, dossier_id=dossier.id, reason="test")  # in "this" worker
    assert dossier.data_key_id in other_worker.cache  # nobody told the other worker...
    with key_scope(), pytest.raises(DataKeyUnavailable):
        other_worker.cipher(dossier.data_key_id)  # ...but its next scope checks destroyed_at
    assert dossier.data_key_id not in other_worker.cache


def test_outside_a_scope_every_use_rechecks_the_key_store():
    dossier = make_dossier()
    loaded = Dossier.objects.get(pk=dossier.pk)
    assert loaded.name == PLAIN["name"]
    DataKey.objects.filter(id=dossier.data_key_id).update(destroyed_at="2026-01-01T00:00:00Z")  # another worker
    with pytest.raises(DecryptionError, match="destroyed"):
        _ = loaded.bsn


def test_outside_a_scope_one_row_written_checks_its_key_once_and_the_next_save_again():
    """A row of five encrypted fields asks the key store once per save (encryption/fields.py,
    `open_row_scope`), not once per field; a key shredded between two saves of the same row is
    refused at the second save and nothing is written."""
    dossier = make_dossier()
    dossier.name, dossier.bsn, dossier.notes = "Testpersoon Anders", "111222333", "Nieuwe notitie"
    dossier.birth_date, dossier.extra = None, {"vlag": True}
    with AllQueries() as queries:
        dossier.save()
    key_checks = [q for q in queries.contexts["keys"].captured_queries if "encryption_datakey" in q["sql"]]
    assert len(key_checks) == 2  # the row and its history row (each a save of its own); 7 when each field asked
    DataKey.objects.filter(id=dossier.data_key_id).update(destroyed_at="2026-01-01T00:00:00Z")  # another worker
    dossier.notes = "Na het vernietigen"
    with pytest.raises(DataKeyUnavailable), transaction.atomic():
        dossier.save()
    assert Dossier.objects.get(pk=dossier.pk).history.count() == 2  # created and the first change only


def test_a_wrong_kek_fails_closed(settings):
    dossier = make_dossier()
    default_resolver.cache.clear()
    DataKey.objects.filter(id=dossier.data_key_id).update(kek_id="unknown-kek")
    with pytest.raises(DecryptionError, match="not unwrappable"):
        _ = Dossier.objects.get(pk=dossier.pk).name


def test_an_unknown_data_key_fails_closed():
    dossier = make_dossier()
    DataKey.objects.filter(id=dossier.data_key_id).delete()
    default_resolver.cache.clear()
    with pytest.raises(DecryptionError, match="data key unknown"):
        _ = Dossier.objects.get(pk=dossier.pk).name


def test_a_list_of_many_dossiers_uses_a_constant_number_of_queries():
    def page_queries(count: int) -> tuple[int, int]:
        Dossier.objects.all().delete()
        for number in range(count):
            make_dossier(name=f"Testpersoon {number}")
        default_resolver.cache.clear()
        with key_scope(), AllQueries() as queries:
            names = [d.name for d in Dossier.objects.all()] + [d.bsn for d in Dossier.objects.all()]
        assert len(names) == 2 * count
        return queries.count(), queries.count("keys")

    small, large = page_queries(3), page_queries(15)
    assert small == large == (3, 1)  # two list queries, one batched key check for the scope


def test_preload_keys_checks_all_keys_of_a_list_in_one_query():
    dossiers = [make_dossier(name=f"Testpersoon {n}") for n in range(8)]
    history = list(Dossier.history.filter(id__in=[d.id for d in dossiers]))
    default_resolver.cache.clear()
    with key_scope(), AllQueries() as queries:
        preload_keys(history)
        assert queries.count("keys") == 1
        assert sorted(h.name for h in history) == sorted(d.name for d in dossiers)
    assert queries.count() == 1


def test_the_middleware_opens_one_scope_per_request():
    dossiers = [make_dossier(name=f"Testpersoon {n}") for n in range(10)]
    default_resolver.cache.clear()

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(", ".join(d.name for d in Dossier.objects.order_by("id")))

    middleware = KeyScopeMiddleware(view)
    with AllQueries() as queries:
        response = middleware(RequestFactory().get("/"))
    assert queries.count("keys") == 1 and queries.count("default") == 1
    assert response.content.decode().count("Testpersoon") == len(dossiers)
    datakey_destroy(key_id=dossiers[0].data_key_id, dossier_id=dossiers[0].id, reason="test")
    with pytest.raises(DecryptionError):
        middleware(RequestFactory().get("/"))  # the next request honours the shredding


def test_the_key_cache_is_bounded_in_size_and_time():
    cache = KeyCache(max_entries=2, ttl=0.05)
    keys = [datakey_create(resolver=KeyResolver(cache)).id for _ in range(3)]
    assert len(cache) == 2 and keys[0] not in cache
    time.sleep(0.06)
    assert cache.get(keys[2]) is None and len(cache) <= 1


def test_a_scope_keeps_its_cached_keys_when_it_puts_new_ones():
    """A scope's keys that are cached count as used when the scope verifies them, so the keys it unwraps next
    evict other entries, not its own: its values then open without a query per key (before: the cached keys
    were the least recently used, were evicted, and each was read again)."""
    cache = KeyCache(max_entries=4)
    worker = KeyResolver(cache)
    dossiers = [make_dossier(name=f"Testpersoon {n}") for n in range(4)]
    with key_scope():
        for dossier in dossiers[:3]:
            worker.cipher(dossier.data_key_id)  # cached: keys 0, 1, 2 (0 the least recently used)
        other = datakey_create(resolver=worker).id  # another dossier's key, used last
    assert list(cache._entries)[-1] == other
    with key_scope(), AllQueries() as queries:
        preload_key_ids([d.data_key_id for d in dossiers], worker)  # 0, 1, 2 cached; 3 is put
        for dossier in dossiers:
            worker.cipher(dossier.data_key_id)
    assert queries.count("keys") == 1  # the one check of the scope; no key read again
    assert all(d.data_key_id in cache for d in dossiers) and other not in cache


def test_a_cache_hit_still_honours_destroyed_at_within_a_new_scope():
    dossier = make_dossier()
    with key_scope():
        assert Dossier.objects.get(pk=dossier.pk).name == PLAIN["name"]
    assert dossier.data_key_id in default_resolver.cache
    DataKey.objects.filter(id=dossier.data_key_id).update(destroyed_at="2026-01-01T00:00:00Z")
    with key_scope(), pytest.raises(DecryptionError, match="destroyed"):
        _ = Dossier.objects.get(pk=dossier.pk).name
