"""The processing register and the retention schedule as documents, generated from their data."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from audit.activities import activity_uri
from audit.management.commands.audit_purge import DEFAULT_YEARS as AUDIT_DEFAULT_YEARS
from audit.models import ProcessingActivity
from casework.privacy.docs_markdown import generated_note, join_blocks, table

REGISTER_FIELDS = (
    "purpose", "legal_basis", "national_law", "controller", "data_categories", "subject_categories",
    "recipients", "retention",
)

REGISTER_INTRO = """\
# Register of processing activities (AVG art. 30)

{note}

The register is data: one `audit.ProcessingActivity` row per activity, seeded by the data migration
`audit/migrations/0003_seed_processing_activities.py` and kept by the privacy officer (every change
is kept in its history). Every audit event names the activity it serves by its code, so each
logged read or write carries a purpose and a legal basis; the Logboek Dataverwerkingen export
gives the code as `dpl.core.processing_activity_id` (the URI below). The texts are a starting
point for the data protection officer (FG) and the municipality, not legal advice."""

ART30_COMMON = (
    ("(a) controller, joint controllers, data protection officer",
     "per activity above; name and contact details of the municipality and its FG: to be filled in by the "
     "municipality"),
    ("(d) recipients: address search in the BAG (every activity that takes an address)",
     "by default none: addresses are typed by hand and nothing leaves the system (BAG_SOURCE empty). With "
     "BAG_SOURCE=pdok the text typed into an address search (a postcode, street, house number or place) and the "
     "lookup id of the address picked go to the PDOK Locatieserver (Kadaster, a public source; no name, BSN or case "
     "goes with them); with BAG_SOURCE=municipal they go to the municipality's own BAG source instead. Each call is "
     "in the audit trail without the text typed ([integrations.md](../integrations.md))"),
    ("(d) recipients and sources: the BRP (activities authorised for the BRP above)",
     "by default none: persons are typed by hand and marked \"niet geverifieerd in BRP\" (BRP_SOURCE empty). With "
     "BRP_SOURCE=haalcentraal a municipal staff member may look up, for an activity authorised for the BRP only, a "
     "person by BSN (name, date of birth; for an addressee also the address lines) or the persons registered at a "
     "recreation object's adresseerbaar object now and in a period (BRP API Personen and BRP bewoning of the RvIG, "
     "through the municipality's gateway). Sent: the BSN or the adresseerbaar object id, the period, the fields asked, "
     "the purpose (doelbinding) and the processing activity; never a case or a user's name. Each call is in the audit "
     "trail with the activity and its trace span, without the BSN ([integrations.md](../integrations.md))"),
    ("(b, c, d) meetings: the weekly triage and casusoverleggen (every case type)",
     "an agenda item processes its case under the case's own activity (the item's goal, attendance and minutes are "
     "part of the case file, sealed with its data key, shown to a partner only within the categories of a sharing "
     "decision, and written to the case's conference record); the meeting itself (title, time, place, chair, "
     "invitations) under chain sharing. Recipients: the partner organisations invited for an item see its case only "
     "with a sharing decision, else the item number; invitations go by e-mail to the invitees with the title, "
     "time, place or video link and a link only, no case or name ([ADR 0026](../adr/0026-meetings-opaque-items-and-"
     "minutes-under-the-case.md))"),
    ("(b, c, d) notifications and their e-mail (every case type)",
     "a notification tells an employee that something concerns them (a new referral for their team, an agreement "
     "due or overdue, an approval asked or decided, a sharing decision ending, a case handed over to them); it "
     "holds ids, the kind and dates only and serves the case's own activity and legal basis (the case's processing "
     "needs its staff to act in time). Shown only to its recipient, and only with the case reference while the "
     "recipient still has access to the case (every listing checks it again; each case shown is an audit event). "
     "Recipients of e-mail: the employee's own mailbox, at their choice per kind (at once, in the daily e-mail, or "
     "not at all); a mail carries the kind and a link to the application only, no case reference, name, BSN, "
     "address or free text. The employee's choices are kept under account administration "
     "([ADR 0032](../adr/0032-notifications-ids-only-mail-without-case.md))"),
    ("(b, c, d) partner contributions: a chain partner reports back on a shared PGA case",
     "a user of a chain partner organisation reports an agreement of its own organisation done, or adds a "
     "monitoring note on it, only within the agreements' category of a sharing decision in force for that "
     "organisation. The partner supplies the data under the processing activity of that decision (for PGA the "
     "convenant of the Zorg- en Veiligheidshuis and, since 1 March 2025, the WGS: the activity carries the legal "
     "basis), which is stored on each contribution with the decision and the organisation; no basis of the "
     "partner's own (such as art. 13b Opiumwet) is assumed. Data: the free-text note (sealed with the case's data "
     "key), the agreement, the organisation, the employee, the time. Recipients: the process director(s) of the "
     "controlling municipality; the partner sees its own organisation's contributions only while the decision "
     "lasts ([ADR 0031](../adr/0031-partner-contributions-under-the-live-share.md))"),
    ("(b, c, d) documents of a case (every case type) and documents supplied by partners",
     "a document (a PDF, a photo, an office document) is part of its case file and processed under the case's own "
     "activity; a document a ketenpartner uploads on a shared case is supplied under the processing activity of the "
     "sharing decision that shares its category with the partner's organisation (recorded on the document and in "
     "its audit events). Recipients: whoever sees the document's sharing category (the case's own organisation; a "
     "partner only within a live sharing decision for that category). Each download and preview is an audit event "
     "with the case and the category. Images are re-encoded (no EXIF or location), macros and active content "
     "refused ([ADR 0030](../adr/0030-documents-on-every-case-type.md))"),
    ("(e) transfers to a third country or international organisation",
     "none: the system runs on the municipality's own infrastructure and sends no data outside the EEA"),
    ("(f) time limits for erasure",
     "per activity above; per case type in [retention-schedule.md](retention-schedule.md)"),
    ("(g) technical and organisational security measures",
     "field-level encryption with a key per dossier ([key-management.md](key-management.md)), an append-only "
     "hash-chained audit trail ([audit-trail.md](audit-trail.md), [logging-policy.md](logging-policy.md)), role- and "
     "case-based access ([access-matrix.md](access-matrix.md)), two-factor login, restricted database roles "
     "([database-roles.md](database-roles.md))"),
)
REGISTER_SHARING = """\
Sharing with a chain partner is recorded per decision (which categories, about whom, to which
partner, by whom, on which legal basis, for which purpose, and the weighing of proportionality and
subsidiarity); the privacy officer's sharing register lists them."""


def _field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101 (a concrete column, never a relation's reverse side)
    return field


def _label(model: type[models.Model], field: str) -> str:
    return str(_field(model, field).verbose_name)


def _activity_section(activity: ProcessingActivity) -> str:
    rows = [("code", f"`{activity.code}`"), ("URI", f"`{activity_uri(activity.code)}`")]
    rows += [(_label(ProcessingActivity, field), getattr(activity, field) or "—") for field in REGISTER_FIELDS]
    rows.append((_label(ProcessingActivity, "brp_authorised"), "yes" if activity.brp_authorised else "no"))
    if activity.brp_authorised:
        rows.append((_label(ProcessingActivity, "brp_legal_basis"), activity.brp_legal_basis))
    rows.append((_label(ProcessingActivity, "is_active"), "yes" if activity.is_active else "no"))
    return f"## {activity.name}\n\n" + table(("", ""), rows)


def processing_register() -> str:
    activities = list(ProcessingActivity.objects.order_by("code"))
    overview = table(
        ("code", _label(ProcessingActivity, "name"), _label(ProcessingActivity, "legal_basis"),
         _label(ProcessingActivity, "is_active")),
        ((f"`{a.code}`", a.name, a.legal_basis, "yes" if a.is_active else "no") for a in activities),
    )
    return join_blocks(
        REGISTER_INTRO.format(note=generated_note("the register of processing activities (audit.ProcessingActivity)")),
        "## Overview\n\n" + overview,
        *(_activity_section(activity) for activity in activities),
        "## Common to every activity\n\n" + table(("AVG art. 30(1)", "entry"), ART30_COMMON),
        REGISTER_SHARING,
    )


RETENTION_INTRO = """\
# Retention schedule

{note}

How long the system keeps what, and what happens at the end. The periods per case type are data
with a date of effect, kept by the privacy officer; each names its basis in the selection list
(selectielijst gemeenten en intergemeentelijke organen, Archiefwet). They are **municipal choices**:
there is no single national period for these files (comparable periods: Wmo 15 years, Veilig Thuis
at most 20 years, police data 5 years active and destroyed after 10; Zorg- en Veiligheidshuis
protocols often use about 2 years after closure)."""

RETENTION_PENDING = """\
## Periods per case type

The retention periods are not yet stored as data in this build (the retention model is not
installed); until then the periods of the register of processing activities apply."""

RETENTION_MECHANICS = """\
## What happens at the end of a period

- `python manage.py apply_retention` lists the dossiers whose period has passed (a dry run by
  default). With `--execute --approval ID` it destroys exactly the batch that one privacy officer
  proposed and a second privacy officer of the same organisation approved in the user interface
  (four eyes); each organisation destroys only the cases it controls. Each period names its
  **category number in the selection list** (Selectielijst gemeenten en intergemeentelijke organen)
  and its archive action: *destroy* or *keep permanently*. The seeded numbers are examples marked as
  such until the records manager confirms them.
- Before the second privacy officer may approve a batch, the **draft destruction list**
  (references, categories and dates, no personal data; CSV or PDF) must have been exported for the
  archivist or records manager (Archiefbesluit 1995, art. 8); the export is an audit event.
- A case whose category says *keep permanently* is never destroyed: at the end of its period it is
  listed for **transfer to the archive** (CSV on the retention page).
- Skipped while a **legal hold** applies (casework/privacy/holds.py): a pending objection or appeal
  (Damocles, park enforcement), an open data-subject request about the person, or an explicit
  hold placed by the privacy officer ({grounds}).
- Destruction deletes the dossier's history rows and live rows first, then crypto-shreds its data
  keys, so copies in database backups can no longer be decrypted either
  ([key-management.md](key-management.md)). A person is destroyed together with their last case.
- A **tombstone** without personal data remains (case type, reference, dates, basis, approvers),
  and every batch gets a destruction statement (verklaring van vernietiging) as PDF.
- Every step is an audit event.

"""
OTHER_PERIODS = (
    ("audit trail", f"default {AUDIT_DEFAULT_YEARS} years (setting `AUDIT_RETENTION_YEARS`)",
     "`audit_purge`, run as the database role `zorgveilig_audit_retention`, removes whole periods from the oldest "
     "end up to a signed cut checkpoint; `audit_verify` then starts from that checkpoint "
     "([logging-policy.md](logging-policy.md))"),
    ("sharing decisions", "as long as the case file",
     "destroyed with the case; the partner's access ends at the decision's end date"),
    ("the key store's own backups", "kept briefly (days, not years)",
     "so a shredded data key does not survive in an old key-store backup ([key-management.md](key-management.md))"),
    ("agenda items of meetings (goal, attendance, minutes)", "as long as the case file",
     "part of the case: destroyed (and crypto-shredded) with it; for PGA the minutes are also in the case's "
     "conference record"),
    ("documents of a case and their versions (title, file name, file; uploading organisation and processing "
     "activity)", "as long as the case file",
     "part of the case: every version's file is sealed with the case's data key and bound to its row; destroyed with "
     "the case (rows deleted, files removed, key shredded); a withdrawn document stays until then, marked "
     "([ADR 0030](../adr/0030-documents-on-every-case-type.md))"),
    ("meetings, sittings and the record of invitations sent", "as long as the meeting series is kept",
     "hold no data of data subjects (title, time, place, chair, which employee got which version of an invitation)"),
    ("notifications (ids, kind, dates) and the e-mail record of them", "90 days after they were made",
     "`purge_notifications` (daily) deletes older ones; a notification holds no data of a data subject, and one "
     "about a destroyed case shows no reference (the case is gone); the preferences per kind live as long as the "
     "employee's account"),
    ("chain partners' contributions on a PGA case (reports and monitoring notes)", "as long as the case file",
     "part of the case: destroyed (and crypto-shredded) with it; the partner's view of them ends with the sharing "
     "decision"),
    ("employees' accounts", "per the register (account administration)",
     "deactivated accounts keep their name for the audit trail"),
)


def _retention_model() -> type[models.Model] | None:
    try:
        return apps.get_model("privacy", "RetentionPolicy")
    except LookupError:
        return None


RETENTION_COLUMNS = ("case_type", "years", "counted_from", "basis", "selectielijst_category", "archive_action",
                     "is_example", "effective_from", "explanation")


def _value(row: models.Model, field: str) -> str:
    display = getattr(row, f"get_{field}_display", None)
    value = display() if callable(display) else getattr(row, field, "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "—" if value in (None, "") else str(value)


def _retention_rows(model: type[models.Model]) -> str:
    """Every version of every period (the one in force is the latest with a date of effect today or before)."""
    rows = model._default_manager.order_by("case_type", "-effective_from")
    return "## Periods per case type\n\n" + table(
        [_label(model, field) for field in RETENTION_COLUMNS],
        ([_value(row, field) for field in RETENTION_COLUMNS] for row in rows),
    ) + "\n\nBases (selection list categories) to choose from: " + "; ".join(
        f"`{value}`: {label}" for value, label in _field(model, "basis").choices or ()
    ) + "."


def _hold_grounds() -> str:
    try:
        model = apps.get_model("privacy", "LegalHold")
    except LookupError:
        return "litigation, archive, justice"
    return "; ".join(str(label) for _value, label in _field(model, "ground").choices or ())


def retention_schedule() -> str:
    model = _retention_model()
    source = "the retention periods (privacy.RetentionPolicy)" if model else "casework/privacy/docs_register.py"
    return join_blocks(
        RETENTION_INTRO.format(note=generated_note(source)),
        _retention_rows(model) if model else RETENTION_PENDING,
        RETENTION_MECHANICS.format(grounds=_hold_grounds()),
        "## Other retention periods\n\n" + table(("what", "period", "how"), OTHER_PERIODS),
    )
