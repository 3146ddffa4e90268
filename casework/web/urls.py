"""The core's case pages (namespace `casework`, included by casework/urls.py).

Names: my_work, case_list, case_search, case_detail, person_overview (by the person's id), case_transition,
handover, share_create, share_revoke, break_glass, application_create, application_delay, application_decide
(every type with remedy rules), equated_days, equated_day_delete. Views that concern one case take it as `case_id`
(the audit middleware reads it).
"""

from django.urls import path

from casework.web.views import actions, applications, calendar, cases, persons, saved_filters, sharing, work

CASE = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path("mijn-werk/", work.my_work, name="my_work"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/search/", cases.case_search, name="case_search"),
    path("cases/export.csv", cases.case_list_export, name="case_list_export"),
    path("lists/<str:page>/filters/", saved_filters.saved_filter_create, name="saved_filter_create"),
    path("lists/filters/<int:filter_id>/remove/", saved_filters.saved_filter_delete, name="saved_filter_delete"),
    path(f"{CASE}", cases.case_detail, name="case_detail"),
    path(f"{CASE}print/", cases.case_print, name="case_print"),
    path("persons/<uuid:person_id>/", persons.person_overview_view, name="person_overview"),
    path(f"{CASE}transition/<str:target>/", actions.case_transition, name="case_transition"),
    path(f"{CASE}handover/", actions.handover, name="handover"),
    path(f"{CASE}shares/new/", sharing.share_create_view, name="share_create"),
    path(f"{CASE}shares/<uuid:share_id>/revoke/", sharing.share_revoke_view, name="share_revoke"),
    path(f"{CASE}break-glass/", actions.break_glass, name="break_glass"),
    path(f"{CASE}applications/new/", applications.application_create, name="application_create"),
    path(f"{CASE}applications/<uuid:row_id>/delay/", applications.application_delay, name="application_delay"),
    path(f"{CASE}applications/<uuid:row_id>/decide/", applications.application_decide, name="application_decide"),
    path("beheer/feestdagen/", calendar.equated_days, name="equated_days"),
    path("beheer/feestdagen/<int:day_id>/verwijderen/", calendar.equated_day_delete, name="equated_day_delete"),
]
