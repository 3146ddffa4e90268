"""casework/documents/services.py and selectors.py: upload, versions, access by category, partners,
withdrawal, audited download, bad input leaving nothing behind."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts.roles import KETENPARTNER
from audit.activities import CHAIN_SHARING
from casework import access
from casework.categories import NOTES, PERSONALIA
from casework.documents import selectors
from casework.documents.models import Document, DocumentVersion
from casework.documents.services import document_upload, document_version_add, document_withdraw
from casework.documents.storage import document_files
from casework.models import Case
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.sharing import share_revoke
from tests.auditlog import events
from tests.casework.documents.conftest import make_share
from tests.factories.files import DOCX, JPEG, PDF, image_bytes, ooxml_bytes, zip_bomb_bytes

pytestmark = pytest.mark.django_db(databases="__all__")
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _upload(actor, case, *, category=NOTES, content=PDF, title="Verslag huisbezoek (test)", **extra):
    return document_upload(actor=actor, case=case, title=title, category=category, upload=content,
                           filename="verslag.pdf", **extra)


def _stored_files() -> set[str]:
    return set(document_files.listdir("files")[1]) if document_files.exists("files") else set()


def test_an_upload_is_sealed_with_the_case_key_bound_to_its_row_and_audited(regisseur, case):
    document = _upload(regisseur, case)
    version = document.versions.get()
    assert (version.number, version.content_type, version.size, version.filename) == (1, "application/pdf",
                                                                                     len(PDF), "verslag.pdf")
    assert (document.data_key_id, version.data_key_id) == (case.data_key_id, case.data_key_id)
    raw_title = Document.objects.filter(pk=document.pk).values_list("title", flat=True).get()
    assert "huisbezoek" not in repr(raw_title)
    with document_files.inner.open(version.file.name, "rb") as handle:
        assert PDF not in handle.read()  # sealed at rest
    assert document_files.open_for(version.file.name, owner_id=version.pk).read() == PDF
    assert (document.organisation_id, document.processing_activity) == (regisseur.organisation_id, "pga-procesregie")
    created = events(action="create", case_id=str(case.pk))
    assert created.filter(object_type="documents.Document").count() == 1
    assert created.filter(object_type="documents.DocumentVersion").count() == 1


def test_images_are_re_encoded_and_office_documents_kept(regisseur, case):
    photo = _upload(regisseur, case, content=JPEG).versions.get()
    assert document_files.open_for(photo.file.name, owner_id=photo.pk).read() != JPEG  # EXIF gone
    docx = _upload(regisseur, case, content=DOCX).versions.get()
    assert (docx.content_type, docx.filename) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "verslag.docx")


@pytest.mark.parametrize(("content", "message"), [
    (HTML_AS_PDF, "Dit bestandstype wordt niet geaccepteerd"),
    (SVG, "Dit bestandstype wordt niet geaccepteerd"),
    (ooxml_bytes("docx", extra={"word/vbaProject.bin": b"macro"}), "macro"),
    (ooxml_bytes("docm"), "macro"),
    (b"", "leeg"),
])
def test_bad_files_are_refused_in_dutch_and_nothing_is_saved(regisseur, case, content, message):
    before = _stored_files()
    with pytest.raises(ValidationError) as error:
        _upload(regisseur, case, content=content)
    assert message in " ".join(error.value.message_dict["file"])
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert _stored_files() == before


def test_a_zip_bomb_and_an_oversize_file_are_refused(regisseur, case, settings):
    with pytest.raises(ValidationError, match="te veel of te grote"):
        _upload(regisseur, case, content=zip_bomb_bytes())
    with pytest.raises(ValidationError, match="groter dan 20 MB"):
        _upload(regisseur, case, content=PDF + b"0" * (20 * 1024 * 1024))
    assert not Document.objects.exists()


def test_the_scanner_hook_sees_every_upload(regisseur, case, settings):
    settings.UPLOAD_SCANNER = "tests.casework.test_uploads.fake_scanner"
    infected = PDF.replace(b"trailer", b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE trailer")
    with pytest.raises(ValidationError, match="virusscanner"):
        _upload(regisseur, case, content=infected)
    assert not Document.objects.exists()


@pytest.mark.parametrize(("title", "field"), [("", "title"), ("x" * 201, "title"), ("a\x00b", "title")])
def test_a_bad_title_is_refused_before_the_file_is_stored(regisseur, case, title, field):
    before = _stored_files()
    with pytest.raises(ValidationError) as error:
        _upload(regisseur, case, title=title)
    assert field in error.value.message_dict and _stored_files() == before
    assert not Document.objects.exists()


def test_metadata_and_unknown_categories_cannot_hold_documents(regisseur, case):
    for category in ("metadata", "internal", "damocles_report", "nonsense"):
        with pytest.raises(ValidationError) as error:
            _upload(regisseur, case, category=category)
        assert "category" in error.value.message_dict
    assert not Document.objects.exists()


def test_a_new_version_is_numbered_and_earlier_versions_stay(regisseur, case):
    document = _upload(regisseur, case)
    second = document_version_add(actor=regisseur, document=document, upload=image_bytes("PNG"), filename="foto.png")
    assert second.number == 2 and second.filename == "foto.png"
    row = selectors.documents_of(case=case, case_access=access.case_access(regisseur, case))[0]
    assert (row.version_count, row.latest) == (2, 2)
    _version, content = selectors.version_open(user=regisseur, document=document, number=1)
    assert content == PDF


def test_a_team_lead_and_an_other_team_may_not_upload_and_the_refusal_is_recorded(regisseur, case, other_team_lead,
                                                                                   other_team_user):
    for outsider in (other_team_lead, other_team_user):
        with pytest.raises(PermissionDenied):
            _upload(outsider, case)
        assert events(action="access_denied", actor_id=str(outsider.pk), case_id=str(case.pk)).count() == 1
    assert not Document.objects.exists()


def test_a_partner_uploads_only_in_a_shared_category_under_the_share_activity(regisseur, case, partner, plan_share):
    document = _upload(partner, case, category=PGA_PLAN)
    assert (document.organisation_id, document.processing_activity) == (partner.organisation_id, CHAIN_SHARING)
    assert events(action="create", object_type="documents.Document", actor_id=str(partner.pk),
                  processing_activity=CHAIN_SHARING).count() == 1
    # the process director reads it under the case's activity, as every read of the case
    found = selectors.document_for(user=regisseur, case=case, document_id=document.pk)
    selectors.version_open(user=regisseur, document=found, number=1)
    assert events(action="export", actor_id=str(regisseur.pk)).get().processing_activity == "pga-procesregie"
    with pytest.raises(PermissionDenied):
        _upload(partner, case, category=PGA_CONFERENCES)
    refused = events(action="access_denied", actor_id=str(partner.pk), reason=f"action:upload:{PGA_CONFERENCES}")
    assert refused.count() == 1
    with pytest.raises(ValidationError):
        _upload(partner, case, category=PGA_PLAN, processing_activity="pga-procesregie")  # not the share's
    assert Document.objects.count() == 1


def test_a_partner_sees_only_shared_categories_and_its_own_uploads_only_while_the_share_lasts(
        regisseur, case, partner, plan_share):
    ours = _upload(regisseur, case, category=PGA_PLAN, title="Plan (test)")
    hidden = _upload(regisseur, case, category=PERSONALIA, title="Identiteitsbewijs (test)")
    theirs = _upload(partner, case, category=PGA_PLAN, title="Rapportage reclassering (test)")
    seen = {row.document.pk for row in selectors.documents_of(case=case, case_access=access.case_access(partner, case))}
    assert seen == {ours.pk, theirs.pk}
    with pytest.raises(PermissionDenied):
        selectors.document_for(user=partner, case=case, document_id=hidden.pk)
    assert events(action="access_denied", actor_id=str(partner.pk), reason=f"action:view:{PERSONALIA}").count() == 1
    share_revoke(actor=regisseur, share=plan_share, reason="Samenwerking beëindigd (test).")
    after = access.case_access(partner, case)
    assert not after and selectors.documents_of(case=case, case_access=after) == []
    with pytest.raises(PermissionDenied):
        _upload(partner, case, category=PGA_PLAN)
    with pytest.raises(PermissionDenied):
        document_version_add(actor=partner, document=theirs, upload=PDF)


def test_a_partner_adds_versions_only_to_its_own_organisations_documents(regisseur, case, partner, plan_share):
    ours = _upload(regisseur, case, category=PGA_PLAN)
    theirs = _upload(partner, case, category=PGA_PLAN)
    assert document_version_add(actor=partner, document=theirs, upload=PDF).number == 2
    with pytest.raises(PermissionDenied):
        document_version_add(actor=partner, document=ours, upload=PDF)
    assert ours.versions.count() == 1


def test_the_processing_activity_is_chosen_among_the_partners_live_shares(regisseur, case, partner, partner_org,
                                                                          plan_share):
    make_share(case, regisseur, partner_org, activity="pga-procesregie")
    document = _upload(partner, case, category=PGA_PLAN, processing_activity="pga-procesregie")
    assert document.processing_activity == "pga-procesregie"
    before = Document.objects.count()
    with pytest.raises(ValidationError) as refused:  # two activities in force and no choice: ask, never guess
        _upload(partner, case, category=PGA_PLAN)
    assert "processing_activity" in refused.value.message_dict
    assert Document.objects.count() == before


def test_every_download_is_one_export_event_with_case_and_category(regisseur, case):
    document = _upload(regisseur, case)
    found = selectors.document_for(user=regisseur, case=case, document_id=document.pk)
    selectors.version_open(user=regisseur, document=found, number=1)
    selectors.version_open(user=regisseur, document=found, number=1)
    downloads = events(action="export", object_type="documents.DocumentVersion", case_id=str(case.pk))
    assert downloads.count() == 2
    assert downloads.first().reason == f"document download category:{NOTES} version:1"
    assert set(downloads.values_list("processing_activity", flat=True)) == {"pga-procesregie"}  # the case's
    with pytest.raises(Http404):
        selectors.version_open(user=regisseur, document=found, number=7)


def test_a_document_of_another_case_is_not_found(regisseur, case, make_pga_case_for):
    other = make_pga_case_for(regisseur)
    document = _upload(regisseur, other)
    with pytest.raises(Http404):
        selectors.document_for(user=regisseur, case=case, document_id=document.pk)


def test_withdrawal_by_the_uploader_or_the_owner_with_a_reason(regisseur, colleague, case, partner, plan_share):
    theirs = _upload(partner, case, category=PGA_PLAN)
    mine = _upload(colleague, case)
    with pytest.raises(ValidationError) as error:
        document_withdraw(actor=partner, document=theirs, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        document_withdraw(actor=partner, document=mine, reason="Niet van ons (test).")
    document_withdraw(actor=partner, document=theirs, reason="Verkeerd bestand geüpload (test).")
    document_withdraw(actor=regisseur, document=mine, reason="Dubbel (test).")  # the case owner
    assert events(action="update", object_type="documents.Document", case_id=str(case.pk)).count() == 2
    assert selectors.documents_of(case=case, case_access=access.case_access(partner, case)) == []
    internal = selectors.documents_of(case=case, case_access=access.case_access(regisseur, case))
    assert {row.document.withdrawn for row in internal} == {True}
    with pytest.raises(ValidationError):
        document_version_add(actor=regisseur, document=mine, upload=PDF)
    with pytest.raises(ValidationError):
        document_withdraw(actor=regisseur, document=mine, reason="Nogmaals (test).")


def test_the_timeline_names_the_organisation_and_follows_the_category(regisseur, case, partner, plan_share):
    _upload(partner, case, category=PGA_PLAN, title="Rapportage (test)")
    _upload(regisseur, case, category=PERSONALIA, title="Paspoort (test)")
    entries = selectors.timeline(case=case, case_access=access.case_access(partner, case))
    assert [(e.detail["title"], e.detail["organisation"]) for e in entries] == [
        ("Rapportage (test)", partner.organisation.name)]
    assert len(selectors.timeline(case=case, case_access=access.case_access(regisseur, case))) == 2


def test_a_closed_case_takes_no_documents(regisseur, case):
    case.closed_on = case.opened_on
    with pytest.raises(PermissionDenied):
        _upload(regisseur, case)


def test_a_closed_case_is_read_only_for_a_partner_with_a_live_share_and_for_withdrawals(regisseur, case, partner,
                                                                                        plan_share):
    from casework.documents.services import may_add_version, may_withdraw

    own = _upload(regisseur, case, category=PGA_PLAN)
    theirs = _upload(partner, case, category=PGA_PLAN, title="Rapportage (test)")
    Case.objects.filter(pk=case.pk).update(closed_on=case.opened_on)
    case.refresh_from_db()
    own.refresh_from_db()
    theirs.refresh_from_db()
    with pytest.raises(PermissionDenied):
        _upload(partner, case, category=PGA_PLAN)  # the share is still in force, the case is closed
    with pytest.raises(PermissionDenied):
        document_version_add(actor=partner, document=theirs, upload=PDF)
    for actor, document in ((regisseur, own), (partner, theirs)):
        with pytest.raises(PermissionDenied):
            document_withdraw(actor=actor, document=document, reason="Onjuist document (test).")
        found = access.case_access(actor, case)
        assert not may_withdraw(user=actor, document=document, case_access=found)
        assert not may_add_version(user=actor, document=document, case_access=found)
    assert not Document.objects.filter(withdrawn_at__isnull=False).exists()
    assert DocumentVersion.objects.count() == 2


def test_a_ketenpartner_role_without_a_share_is_refused(make_user, partner_org, case):
    stranger = make_user(role=KETENPARTNER, organisation=partner_org)
    with pytest.raises(PermissionDenied):
        _upload(stranger, case, category=PGA_PLAN)
