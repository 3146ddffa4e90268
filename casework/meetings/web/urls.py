"""Meeting pages (namespace `casework`, included by casework/urls.py): meeting_list, meeting_new,
meeting_occurrence, meeting_edit (the series, from one of its sittings), meeting_move, meeting_print,
meeting_cancel, meeting_item_minutes, agenda_add (from a case page, any type)."""

from django.urls import path

from casework.meetings.web import views

SITTING = "overleggen/<uuid:occurrence_id>/"

urlpatterns: list = [
    path("overleggen/", views.meeting_list, name="meeting_list"),
    path("overleggen/nieuw/", views.meeting_new, name="meeting_new"),
    path(f"{SITTING}wijzigen/", views.meeting_edit, name="meeting_edit"),
    path(f"{SITTING}verplaatsen/", views.occurrence_move, name="meeting_move"),
    path(SITTING, views.meeting_occurrence, name="meeting_occurrence"),
    path(f"{SITTING}afdrukken/", views.meeting_print, name="meeting_print"),
    path(f"{SITTING}annuleren/", views.occurrence_cancel, name="meeting_cancel"),
    path(f"{SITTING}agendapunt/<int:number>/verslag/", views.item_minutes, name="meeting_item_minutes"),
    path("cases/<uuid:case_id>/agenderen/", views.agenda_add, name="agenda_add"),
]
