"""damocles 0004 and park 0005: the remedies rows move into the core (casework/remedies, ADR 0011);
park 0006: the forfeitures and their collection move into the core's penalties (casework/penalties).

A database filled as the old code filled it — migrated back to the state before the move, the rows
written through the historical models, so their values are sealed under the old labels, with
history rows, audit events and sharing decisions naming the old categories; one dossier of each
type crypto-shredded — is migrated forward. Then: the same rows with the same ids, each history
row with its live row, every value opens (also after a change through the new code), the shredded
rows moved byte for byte and still refuse to open, old audit events still find their rows, the
audit chain is intact, and every share sees the moved rows as before.

The walk takes about two minutes (Django renders the migration state of every model at each step), so
it runs in `make test-full`. `make test` guards it with a digest of the move migrations and the code
they run (`test_the_move_migrations_are_the_ones_the_full_walk_checked`): change one and that test
fails until the walk has passed again and FROZEN is updated.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.apps import apps as current_apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import Organisation
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from audit.models import AuditEvent
from audit.services import record
from audit.verification import verify_chain
from casework import registry
from casework.damocles.services.tracks import objection_update as damocles_objection_update
from casework.models import SharingDecision
from casework.park.services import collection_intention_view, payment_record
from casework.park.services import objection_update as park_objection_update
from casework.penalties.models import (
    CollectionDecision,
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
    Payment,
)
from casework.remedies.models import Announcement, Appeal, InterimRelief, Objection
from casework.sharing import share_create
from encryption.exceptions import EncryptionError
from encryption.keystore import datakey_destroy
from tests.factories.accounts import OrganisationFactory
from tests.factories.damocles import make_damocles_case, premises_data, walk_to_decision
from tests.factories.park import make_object, make_park_case, make_person, reinspect, walk_to_order
from tests.sweeps import full_only

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

ROOT = Path(__file__).resolve().parents[3]
# The files the walk below checks: the three move migrations, the migrations creating their target
# tables, and the move code they call. FROZEN is their digest when the walk last passed.
MOVE_FILES = (
    "casework/damocles/migrations/0004_remedies_into_the_core.py",
    "casework/park/migrations/0005_remedies_into_the_core.py",
    "casework/park/migrations/0006_penalties_into_the_core.py",
    "casework/remedies/migrations/0001_legal_remedies.py",
    "casework/penalties/migrations/0001_forfeitures_and_collection.py",
    "casework/moves.py",
)
FROZEN = "cfecc91e4f82792c0b21eacb9a18f5229fa5c3f76697d9ce7241081975e1f4af"


def move_files_digest() -> str:
    digest = hashlib.sha256()
    for name in MOVE_FILES:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    return digest.hexdigest()

BEFORE = [("damocles", "0003_verbose_names"), ("park", "0004_park_recreation_objects_name"), ("remedies", None),
          ("penalties", None)]  # the penalties app came after the remedies (park 0006)
WEIGHING = "Alleen de rechtsmiddelen zijn nodig voor de afstemming; minder ingrijpend kan niet (test)."
# old model -> (new model, encrypted field or "")
MOVES = {
    "damocles.Announcement": (Announcement, "addressee_name"),
    "damocles.Objection": (Objection, "extension_ground"),
    "damocles.InterimRelief": (InterimRelief, ""),
    "damocles.Appeal": (Appeal, "outcome"),
    "park.OrderAnnouncement": (Announcement, ""),
    "park.OrderObjection": (Objection, "extension_ground"),
    "park.OrderAppeal": (Appeal, "outcome"),
}


def migrate(targets):
    executor = MigrationExecutor(connections["default"])
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connections["default"]).loader.graph.leaf_nodes()


def raw(table: str, column: str, pk) -> bytes | None:
    with connections["default"].cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "id" = %s',  # noqa: S608 - names from the test
                       [pk.hex if connections["default"].vendor == "sqlite" else pk])
        value = cursor.fetchone()[0]
    return None if value is None else bytes(value)


class OldRows:
    """Writes rows as the old code did (historical models: values sealed under the old labels) and
    remembers what it wrote."""

    def __init__(self, apps, officer, moves=MOVES):
        self.apps, self.officer, self.moves = apps, officer, moves
        self.rows: dict[str, list] = {label: [] for label in moves}
        self.plain: dict = {}  # row id -> plaintext of its encrypted field
        self.history: dict = {}  # row id -> [(history_type, reason)] in order

    def add(self, label: str, *, changes: int = 0, **values):
        model = self.apps.get_model(label)
        row = model.objects.create(**values)
        history = self.apps.get_model(model._meta.app_label, f"Historical{model.__name__}")
        fields = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
        steps = [("+", f"{label} registered"), *((("~", f"{label} updated {n}")) for n in range(changes))]
        for number, (kind, reason) in enumerate(steps):
            history.objects.create(**fields, history_type=kind, history_change_reason=reason,
                                   history_user_id=self.officer.pk,
                                   history_date=timezone.now() - timedelta(minutes=10 - number))
        record(action=Action.CREATE, processing_activity="park-enforcement" if label.startswith("park")
               else "damocles", object_type=label, object_id=row.pk, case_id=row.case_id, actor=self.officer)
        self.rows[label].append(row)
        self.history[row.pk] = steps
        field = self.moves[label][1]
        if field:
            self.plain[row.pk] = values[field]
        return row


def fill_damocles(old: OldRows, case, n: int):
    announcement = old.add("damocles.Announcement", case_id=case.pk, data_key_id=case.data_key_id,
                           addressee_name=f"Testverhuur {n} B.V.", role="owner", method="registered_post",
                           announced_on=date(2026, 4, 2), objection_deadline=date(2026, 5, 14), changes=1)
    old.add("damocles.Objection", case_id=case.pk, data_key_id=case.data_key_id, announcement_id=announcement.pk,
            received_on=date(2026, 4, 20), extension_weeks=6, extension_ground=f"Grond voor verlenging {n}",
            decision_due_on=date(2026, 7, 7), changes=2)
    old.add("damocles.InterimRelief", case_id=case.pk, data_key_id=case.data_key_id, requested_on=date(2026, 4, 21))
    old.add("damocles.Appeal", case_id=case.pk, data_key_id=case.data_key_id, level="beroep",
            lodged_on=date(2026, 4, 22), ruled_on=date(2026, 4, 30), outcome=f"Uitspraak {n}")


def fill_park(old: OldRows, case, order, addressee, n: int):
    announcement = old.add("park.OrderAnnouncement", case_id=case.pk, data_key_id=case.data_key_id,
                           order_id=order.pk, addressee_id=addressee.pk, method="bailiff",
                           announced_on=date(2025, 1, 7), objection_deadline=date(2025, 2, 18))
    old.add("park.OrderObjection", case_id=case.pk, data_key_id=case.data_key_id, announcement_id=announcement.pk,
            received_on=date(2025, 2, 10), extension_weeks=6, extension_ground=f"Parkgrond {n}",
            decision_due_on=date(2025, 5, 13), changes=1)
    old.add("park.OrderAppeal", case_id=case.pk, data_key_id=case.data_key_id, order_id=order.pk, level="beroep",
            lodged_on=date(2025, 1, 20), outcome=f"Parkuitspraak {n}")


def assert_moved(old: OldRows, ciphertext: dict, shredded: set) -> None:
    """Every old row in its new table with its id, history, label and ciphertext."""
    for label, rows in old.rows.items():
        model, field = old.moves[label]
        moved = model.objects.filter(pk__in=[row.pk for row in rows])
        assert moved.count() == len(rows) == 2, label  # same rows, same ids
        assert set(moved.values_list("moved_from", flat=True)) == {label}
        for row in moved:
            history = list(model.history.filter(id=row.pk).order_by("history_date"))
            assert [(h.history_type, h.history_change_reason) for h in history] == old.history[row.pk]
            assert {h.history_user_id for h in history} == {old.officer.pk}
            if field:
                assert_values(row, history, field, ciphertext[row.pk], old.plain[row.pk], row.data_key_id in shredded)


def assert_values(row, history: list, field: str, sealed: bytes | None, plain: str, shredded: bool) -> None:
    assert raw(row._meta.db_table, field, row.pk) == sealed  # byte for byte
    if shredded:
        with pytest.raises(EncryptionError):
            getattr(row, field)
        with pytest.raises(EncryptionError):
            getattr(history[0], field)
    else:
        assert getattr(row, field) == plain
        assert all(getattr(h, field) == plain for h in history)


def remedies_world(officer, lead) -> dict:
    """Two Damocles procedures and two park files with an order, made by today's code, one of each shared."""
    partner = OrganisationFactory(name="Test-Politie Midden", kind=Organisation.Kind.POLITIE)
    damocles = [make_damocles_case(owner=officer, premises=premises_data(number=n)) for n in (1, 2)]
    for case in damocles:
        walk_to_decision(case, by=officer, lead=lead)
    park = []
    for n in (1, 2):
        case = make_park_case(owner=officer, obj=make_object(actor=officer, number=f"T{n}"),
                              person=make_person(officer))
        park.append((case, walk_to_order(case, by=officer, lead=lead)))
    shares = {case.pk: share_create(actor=officer, case=case, partner=partner, categories=["metadata"],
                                    processing_activity=CHAIN_SHARING, purpose="Afstemming (test).",
                                    weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=30))
              for case in [damocles[0], park[0][0]]}
    return {"damocles": damocles, "park": park, "shares": shares}


def fill_remedies(apps, officer, world: dict) -> None:
    """Before damocles 0004 / park 0005: the remedies rows as the old code wrote them, one dossier of each
    type shredded."""
    damocles, park, shares = world["damocles"], world["park"], world["shares"]
    old = world["old"] = OldRows(apps, officer)
    for n, case in enumerate(damocles):
        fill_damocles(old, case, n)
    for n, (case, order) in enumerate(park):
        fill_park(old, case, order, case.person, n)
    decisions = apps.get_model("casework", "SharingDecision").objects
    decisions.filter(pk=shares[damocles[0].pk].pk).update(categories=["metadata", "damocles_remedies"])
    decisions.filter(pk=shares[park[0][0].pk].pk).update(categories=["metadata", "park_orders"])
    world["shredded"] = {damocles[1].data_key_id, park[1][0].data_key_id}
    for key_id in world["shredded"]:
        datakey_destroy(key_id=key_id, reason="test: crypto-shredded before the upgrade")
    world["ciphertext"] = {row.pk: raw(apps.get_model(label)._meta.db_table, MOVES[label][1], row.pk)
                           for label, rows in old.rows.items() if MOVES[label][1] for row in rows}


def assert_old_events_find_their_rows(old: OldRows) -> None:
    for label in old.rows:
        old_events = AuditEvent.objects.using("audit").filter(object_type=label)
        assert old_events.count() == 2
        for event in old_events:
            assert current_apps.get_model(registry.moved_model(label)).objects.filter(pk=event.object_id).exists()


def check_remedies(officer, world: dict) -> None:
    damocles, park, shares, old = world["damocles"], world["park"], world["shares"], world["old"]
    assert_moved(old, world["ciphertext"], world["shredded"])
    assert Announcement.objects.count() == 4 and Objection.objects.count() == 4
    assert InterimRelief.objects.count() == 2 and Appeal.objects.count() == 4
    park_announcement = Announcement.objects.get(pk=old.rows["park.OrderAnnouncement"][0].pk)
    assert (park_announcement.decision_type, park_announcement.decision_id) == ("park.PenaltyOrder", park[0][1].pk)
    assert park_announcement.addressee_person_id == park[0][0].person_id
    relief = InterimRelief.objects.get(pk=old.rows["damocles.InterimRelief"][0].pk)
    assert (relief.decision_type, relief.decision_id) == ("damocles.DamoclesCase", damocles[0].damocles.pk)
    assert_old_events_find_their_rows(old)

    # shares: the same rows visible as before
    assert SharingDecision.objects.get(pk=shares[damocles[0].pk].pk).categories == ["metadata", "remedies"]
    assert SharingDecision.objects.get(pk=shares[park[0][0].pk].pk).categories == [
        "metadata", "park_orders", "penalties", "remedies"]  # park 0006 adds the penalties

    # the new code changes a moved row; its values keep opening under the old label
    objection = Objection.objects.get(pk=old.rows["damocles.Objection"][0].pk)
    damocles_objection_update(actor=officer, objection=objection, extension_weeks=5,
                              extension_ground="Nieuwe grond", extension_notice_sent_on=date(2026, 4, 21))
    assert Objection.objects.get(pk=objection.pk).extension_ground == "Nieuwe grond"
    objection = Objection.objects.get(pk=old.rows["park.OrderObjection"][0].pk)
    park_objection_update(actor=officer, objection=objection, extension_weeks=5, extension_ground="Nieuwe parkgrond",
                          extension_notice_sent_on=date(2025, 2, 11))
    assert Objection.objects.get(pk=objection.pk).extension_ground == "Nieuwe parkgrond"
    assert [h.extension_ground for h in Objection.history.filter(id=objection.pk).order_by("history_date")] == [
        "Parkgrond 0", "Parkgrond 0", "Nieuwe parkgrond"]


# park 0006 ------------------------------------------------------------------------------------
BEFORE_PENALTIES = [("park", "0005_remedies_into_the_core"), ("penalties", None)]
PENALTY_MOVES = {
    "park.Forfeiture": (Forfeiture, ""),
    "park.CollectionIntention": (CollectionIntention, "view_summary"),
    "park.CollectionRequest": (CollectionRequest, "requester_name"),
    "park.CollectionDecision": (CollectionDecision, "notes"),
    "park.LimitationEvent": (LimitationEvent, "note"),
    "park.Payment": (Payment, ""),
}


def fill_penalties(old: OldRows, case, order, basis, n: int) -> dict:
    row = {"case_id": case.pk, "data_key_id": case.data_key_id}
    forfeiture = old.add("park.Forfeiture", **row, order_id=order.pk, basis_id=basis.pk,
                         forfeited_on=date(2025, 2, 3), amount="500.00", payment_due_on=date(2025, 3, 17),
                         limitation_date=date(2026, 2, 3), changes=1)
    intention = old.add("park.CollectionIntention", **row, order_id=order.pk, sent_on=date(2025, 3, 3),
                        view_due_on=date(2025, 3, 17), view_summary=f"Zienswijze {n}", created_by_id=old.officer.pk)
    intention.forfeitures.set([forfeiture])
    request = old.add("park.CollectionRequest", **row, order_id=order.pk, requester_name=f"Verzoeker {n}",
                      requested_on=date(2025, 3, 4), decision_due_on=date(2025, 4, 1), state="granted",
                      decided_on=date(2025, 3, 25))
    decision = old.add("park.CollectionDecision", **row, order_id=order.pk, request_id=request.pk,
                       decided_on=date(2025, 3, 25), announced_on=date(2025, 3, 26), amount="500.00",
                       notes=f"Invordering {n}", created_by_id=old.officer.pk, changes=1)
    decision.forfeitures.set([forfeiture])
    old.add("park.LimitationEvent", **row, order_id=order.pk, forfeiture_id=forfeiture.pk, kind="suspension",
            started_on=date(2025, 4, 1), note=f"Schorsing {n}", created_by_id=old.officer.pk)
    old.add("park.Payment", **row, forfeiture_id=forfeiture.pk, paid_on=date(2025, 3, 10), amount="100.00",
            created_by_id=old.officer.pk)
    return {"forfeiture": forfeiture, "intention": intention, "decision": decision}


def penalties_world(officer, lead) -> dict:
    """Two park files whose order a re-inspection found broken, made by today's code, one shared."""
    partner = OrganisationFactory(name="Test-Politie Oost", kind=Organisation.Kind.POLITIE)
    park = []
    for n in (1, 2):
        case = make_park_case(owner=officer, obj=make_object(actor=officer, number=f"P{n}"),
                              person=make_person(officer))
        order = walk_to_order(case, by=officer, lead=lead)
        park.append((case, order, reinspect(order, by=officer, on=date(2025, 2, 3), compliant=False)))
    share = share_create(actor=officer, case=park[0][0], partner=partner, categories=["metadata"],
                         processing_activity=CHAIN_SHARING, purpose="Afstemming (test).", weighing=WEIGHING,
                         ends_on=timezone.localdate() + timedelta(days=30))
    # The re-inspections announced the orders in today's table, which the way back to before the remedies
    # move refuses to drop (casework/moves.py); this part checks the penalties, not the announcements.
    announcements = Announcement.objects.filter(case__in=[case for case, _order, _basis in park])
    announcements._raw_delete(announcements.db)  # no history row: the table goes on the way back anyway
    return {"park": park, "share": share}


def fill_penalties_before(apps, officer, world: dict) -> None:
    """After park 0005, before park 0006: the forfeitures and their collection as the old code wrote them."""
    park = world["park"]
    old = world["old"] = OldRows(apps, officer, PENALTY_MOVES)
    world["links"] = [fill_penalties(old, case, order, basis, n) for n, (case, order, basis) in enumerate(park)]
    apps.get_model("casework", "SharingDecision").objects.filter(pk=world["share"].pk).update(
        categories=["metadata", "park_orders"])
    world["shredded"] = {park[1][0].data_key_id}
    datakey_destroy(key_id=park[1][0].data_key_id, reason="test: crypto-shredded before the upgrade")
    world["ciphertext"] = {row.pk: raw(apps.get_model(label)._meta.db_table, PENALTY_MOVES[label][1], row.pk)
                           for label, rows in old.rows.items() if PENALTY_MOVES[label][1] for row in rows}


def check_penalties(officer, world: dict) -> None:
    links = world["links"]
    assert_moved(world["old"], world["ciphertext"], world["shredded"])  # counts, ids, history, labels, bytes
    for model, _field in PENALTY_MOVES.values():
        assert model.objects.count() == 2
    for (_case, order, basis), link in zip(world["park"], links, strict=True):
        forfeiture = Forfeiture.objects.get(pk=link["forfeiture"].pk)
        assert (forfeiture.order_type, forfeiture.order_id) == ("park.PenaltyOrder", order.pk)
        assert forfeiture.order == order and forfeiture.basis == basis
        assert list(order.forfeitures) == [forfeiture]
        assert [f.pk for f in CollectionIntention.objects.get(pk=link["intention"].pk).forfeitures.all()] == [
            forfeiture.pk]
        decision = CollectionDecision.objects.get(pk=link["decision"].pk)
        assert [f.pk for f in decision.forfeitures.all()] == [forfeiture.pk]
        assert decision.request.order_id == order.pk
        assert Payment.objects.get(forfeiture=forfeiture).moved_from == "park.Payment"
    assert_old_events_find_their_rows(world["old"])

    # the share that named park_orders (which covered the forfeitures) now names penalties too
    assert SharingDecision.objects.get(pk=world["share"].pk).categories == ["metadata", "park_orders", "penalties"]

    # the new code changes moved rows; their values keep opening under the old label
    intention = CollectionIntention.objects.get(pk=links[0]["intention"].pk)
    collection_intention_view(actor=officer, intention=intention, received_on=date(2025, 3, 10),
                              summary="Nieuwe zienswijze")
    assert CollectionIntention.objects.get(pk=intention.pk).view_summary == "Nieuwe zienswijze"
    assert [h.view_summary for h in CollectionIntention.history.filter(id=intention.pk).order_by("history_date")] == [
        "Zienswijze 0", "Nieuwe zienswijze"]
    forfeiture = Forfeiture.objects.get(pk=links[0]["forfeiture"].pk)
    payment_record(actor=officer, forfeiture=forfeiture, paid_on=date(2025, 3, 20), amount="400")
    forfeiture.refresh_from_db()
    assert forfeiture.state == Forfeiture.State.COLLECTED  # paid in full after the moved collection decision


@full_only("two minutes of migrating; test_the_move_migrations_are_the_ones_the_full_walk_checked guards it")
def test_remedies_and_penalties_move_into_the_core_with_ids_history_ciphertext_links_and_shares(
        migrated_databases, officer, lead):
    """One walk back and forth for both moves (migrating takes most of this test's time): back to before
    the remedies move and its rows filled; forward to park 0005 and the penalty rows filled; forward to
    the latest state; then each move is checked."""
    remedies, penalties = remedies_world(officer, lead), penalties_world(officer, lead)
    fill_remedies(migrate(BEFORE), officer, remedies)
    events_before = AuditEvent.objects.using("audit").count()
    fill_penalties_before(migrate(BEFORE_PENALTIES), officer, penalties)

    migrate(latest())

    assert AuditEvent.objects.using("audit").count() >= events_before
    assert verify_chain().intact
    check_remedies(officer, remedies)
    check_penalties(officer, penalties)
