"""Letters of a Damocles procedure: the page that lists and generates them, and the downloads.

Reading letters needs view access to the case *and* the "decisions and letters" category (a
chain partner sees them only when that category is shared); a refusal is a 403 with an
`access_denied` event. Every download is recorded before the bytes leave: the PDF as an
`export`, the HTML as a `view`. Responses are attachments and never cached.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit import record, record_batch
from audit.actions import Action
from audit.services import Target
from casework import access
from casework.damocles.casetype import CASE_TYPE, DAMOCLES_DECISION
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.damocles.letters import letter_generate, letter_kinds_allowed, letter_pdf_bytes
from casework.damocles.models import Letter
from casework.models import Case
from casework.remedies.models import Announcement
from casework.uploads import attachment_response
from casework.web.common import add_errors, case_url
from casework.web.fields import label_choices


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of letter"), choices=Letter.Kind.choices)
    announcement = forms.ModelChoiceField(
        label=gettext_lazy("Addressee (announcement)"), queryset=Announcement.objects.none(), required=False,
        help_text=gettext_lazy("A decision letter goes to one addressee, with their own objection deadline."),
    )

    def __init__(self, *args, announcements, kinds: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label_choices(self.fields["announcement"], announcement_label).queryset = announcements
        # Only the kinds whose legal basis exists in the case's state (casework/damocles/letters.py).
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)  # noqa: S101 - narrows the type; declared above
        kind_field.choices = [(value, label) for value, label in Letter.Kind.choices if value in kinds]


def announcement_label(announcement: Announcement) -> str:
    person = announcement.addressee_person
    name = announcement.addressee_name or (f"{person.first_names} {person.surname}" if person else "")
    return f"{announcement.get_role_display()}: {name} ({announcement.announced_on:%d-%m-%Y})"


def _decision_case(user, case_id) -> tuple[Case, access.CaseAccess]:
    """The case, if `user` may read its decisions and letters (403 + access_denied otherwise)."""
    case = get_object_or_404(Case.objects.select_related("controller"), pk=case_id)
    case_access = access.require(user, access.VIEW, case)
    if not case_access.sees(DAMOCLES_DECISION):
        access.record_denial(user, case, access.VIEW)
        raise PermissionDenied(_("You do not have access to the letters of this case."))
    if case.case_type != CASE_TYPE:
        raise Http404
    return case, case_access


def _subject(letter: Letter, case: Case):
    announcement = letter.announcement
    return announcement.addressee_person_id if announcement and announcement.addressee_person_id else case.person_id


@never_cache
@require_http_methods(["GET", "POST"])
def letters_page(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case, case_access = _decision_case(request.user, case_id)
    announcements = Announcement.objects.filter(case=case).select_related("addressee_person")
    may_generate = case_access.allows(access.CHANGE) and not case.is_closed
    kinds = letter_kinds_allowed(case) if may_generate else []
    form = LetterForm(request.POST or None, announcements=announcements, kinds=kinds) if kinds else None
    status = 200
    if request.method == "POST":
        if not may_generate:
            access.require(request.user, access.CHANGE, case)  # records the denial and raises
        if form is None:
            status = 400  # no letter has its legal basis in this state: the page says so
        elif form.is_valid():
            try:
                letter_generate(actor=request.user, case=case, kind=form.cleaned_data["kind"],
                                announcement=form.cleaned_data["announcement"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The letter was generated."))
                return redirect("casework:damocles_letters", case_id=case.pk)
    letters = list(Letter.objects.filter(case=case).select_related("announcement__addressee_person")
                   .order_by("-created_at"))
    listed = list(announcements)
    subjects = {case.person_id, *(a.addressee_person_id for a in listed)} - {None}
    record_batch(action=Action.VIEW, processing_activity=DAMOCLES, reason="damocles letters", targets=[
        Target(object_type="damocles.Letter", object_id=case.pk, case_id=case.pk, subject_id=subject)
        for subject in sorted(subjects, key=str)
    ] or [Target(object_type="damocles.Letter", object_id=case.pk, case_id=case.pk)])
    return render(request, "damocles/letters/list.html", {
        "case": case, "case_url": case_url(case), "form": form, "may_generate": may_generate,
        "no_letter_now": may_generate and not kinds,
        "rows": [{"letter": letter, "addressee": announcement_label(letter.announcement)
                  if letter.announcement else ""} for letter in letters],
    }, status=status)


def _download(letter: Letter, case: Case, *, content: bytes | str, content_type: str, extension: str) -> HttpResponse:
    filename = f"{letter.kind}-{case.reference}-{str(letter.pk)[:8]}.{extension}"
    return attachment_response(content.encode() if isinstance(content, str) else content, content_type=content_type,
                               filename=filename, cache_control="no-store, private")


@require_http_methods(["GET"])
def letter_pdf(request: AuthenticatedHttpRequest, case_id, letter_id) -> HttpResponse:
    case, _access = _decision_case(request.user, case_id)
    letter = get_object_or_404(Letter.objects.select_related("announcement"), pk=letter_id, case=case)
    content = letter_pdf_bytes(letter)
    record(action=Action.EXPORT, processing_activity=DAMOCLES, object_type="damocles.Letter", object_id=letter.pk,
           case_id=case.pk, subject_id=_subject(letter, case), reason=f"letter {letter.kind} pdf")
    return _download(letter, case, content=content, content_type="application/pdf", extension="pdf")


@require_http_methods(["GET"])
def letter_html(request: AuthenticatedHttpRequest, case_id, letter_id) -> HttpResponse:
    case, _access = _decision_case(request.user, case_id)
    letter = get_object_or_404(Letter.objects.select_related("announcement"), pk=letter_id, case=case)
    content = letter.html
    record(action=Action.VIEW, processing_activity=DAMOCLES, object_type="damocles.Letter", object_id=letter.pk,
           case_id=case.pk, subject_id=_subject(letter, case), reason=f"letter {letter.kind} html")
    return _download(letter, case, content=content, content_type="text/html; charset=utf-8", extension="html")
