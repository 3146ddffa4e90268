"""Test-only views that show personal data, calling audit.record() before rendering."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.views.decorators.http import require_POST

import audit
from audit.actions import Action
from audit.history import save_with_reason
from audit.services import Target
from casework.pga.casetype import PROCESSING_ACTIVITY as PGA_PROCESREGIE

from .models import DemoNote, DemoPerson


def person_detail(request: HttpRequest, person_id) -> HttpResponse:
    person = get_object_or_404(DemoPerson, pk=person_id)
    audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, object_type="testapp.DemoPerson",
                 object_id=person.pk, subject_id=person.pk)
    return HttpResponse(f"<h1>{escape(person.display_name)}</h1><p>BSN {escape(person.bsn)}</p>")


def person_list(request: HttpRequest) -> HttpResponse:
    people = list(DemoPerson.objects.all())
    audit.record_batch(
        action=Action.LIST, processing_activity=PGA_PROCESREGIE,
        targets=[Target(object_type="testapp.DemoPerson", object_id=p.pk, subject_id=p.pk) for p in people],
    )
    return HttpResponse("".join(f"<li>{escape(p.display_name)}</li>" for p in people))


def person_detail_rolled_back(request: HttpRequest, person_id) -> HttpResponse:
    """Shows the person, then the business transaction fails and rolls back."""
    try:
        with transaction.atomic():
            person = get_object_or_404(DemoPerson, pk=person_id)
            audit.record(action=Action.VIEW, processing_activity=PGA_PROCESREGIE, object_type="testapp.DemoPerson",
                         object_id=person.pk, subject_id=person.pk)
            DemoPerson.objects.filter(pk=person.pk).update(display_name="changed")
            raise RuntimeError("business rule failed")
    except RuntimeError:
        return HttpResponse("rolled back", status=409)


@require_POST
def note_edit(request: HttpRequest, note_id) -> HttpResponse:
    note = get_object_or_404(DemoNote, pk=note_id)
    note.text = request.POST.get("text", "")
    save_with_reason(note, reason=request.POST.get("reason", ""))
    return HttpResponse("saved")
