"""Woonoverlast web URLs (namespace `casework`, included through the registry by casework/urls.py).

woonoverlast_overview (/woonoverlast/), woonoverlast_file_open, woonoverlast_approval_decide and
the child rows of `views.ACTIONS` (woonoverlast_<kind>). Status steps use the core's step page.
Views that concern one case take it as `case_id` (the audit middleware reads it).
"""

from django.urls import path

from casework.woonoverlast.web import letter_views, views

CASE = "cases/<uuid:case_id>/woonoverlast/"

urlpatterns: list = [
    path("woonoverlast/", views.overview_page, name="woonoverlast_overview"),
    path("woonoverlast/export.csv", views.overview_csv, name="woonoverlast_overview_csv"),
    path("woonoverlast/files/new/", views.file_open, name="woonoverlast_file_open"),
    path(f"{CASE}approval/<uuid:approval_id>/", views.approval_decide, name="woonoverlast_approval_decide"),
    path(f"{CASE}letters/<uuid:announcement_id>.pdf", letter_views.letter_pdf, name="woonoverlast_letter_pdf"),
    path(f"{CASE}letters/intention/<uuid:intention_id>.pdf", letter_views.intention_letter_pdf,
         name="woonoverlast_intention_letter_pdf"),
    path(f"{CASE}letters/intention/<uuid:intention_id>/<uuid:person_id>.pdf", letter_views.intention_letter_pdf,
         name="woonoverlast_intention_letter_to_pdf"),
    path(f"{CASE}letters/extension/<uuid:extension_id>/<uuid:person_id>.pdf", letter_views.extension_letter_pdf,
         name="woonoverlast_extension_letter_pdf"),
    path(f"{CASE}letters/costs/<uuid:closure_id>/<uuid:person_id>.pdf", letter_views.costs_letter_pdf,
         name="woonoverlast_costs_letter_pdf"),
    *[path(f"{CASE}{route}", views.child_view(kind), name=f"woonoverlast_{kind}")
      for kind, (route, _spec) in views.ACTIONS.items()],
]
