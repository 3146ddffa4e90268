"""A person (betrokkene), reachable only by id through a case the caller sees with personalia.

There is deliberately no list of persons: searching people is the web UI's audited search.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from audit import record
from audit.actions import Action
from casework.api import presenters
from casework.api.base import ERRORS, ApiView
from casework.api.permissions import CasePermission
from casework.api.selectors import person_for_user
from casework.api.serializers_out import PersonSerializer
from casework.models import Person, processing_activity_of


class PersonDetail(ApiView):
    permission_classes = (CasePermission,)
    serializer_class = PersonSerializer

    @extend_schema(summary="A person of a case you see with personal details", tags=["persons"],
                   responses={200: PersonSerializer, 403: ERRORS[403]})
    def get(self, request, person_id):
        try:
            person, cases, sees_notes = person_for_user(request.user, person_id)
        except Person.DoesNotExist:
            raise Http404 from None
        record(action=Action.VIEW, processing_activity=processing_activity_of(cases[0]),
               object_type="casework.Person", object_id=person.pk, case_id=cases[0].pk, subject_id=person.pk,
               actor=request.user)
        return Response(PersonSerializer(presenters.person_full(person, sees_notes=sees_notes, cases=cases)).data)
