"""Damocles web URLs, included in casework/urls.py (namespace `casework`) through the registry's
`web_urls`.

Names: damocles_register, damocles_deadlines, damocles_report_download, damocles_step,
damocles_assessment, damocles_approval_request, damocles_approval_decide, damocles_sealing,
damocles_announcement_create, damocles_objection_create, damocles_objection_update, damocles_objection_notice,
damocles_interim_relief_create, damocles_interim_relief_update, damocles_appeal_create,
damocles_appeal_update, damocles_policy_list, damocles_policy_detail, damocles_policy_create,
damocles_letters (list + generate), damocles_letter_pdf, damocles_letter_html, damocles_figures,
damocles_figures_refresh, damocles_figures_csv. Views that concern one case take it as `case_id` (the audit
middleware reads it).
"""

from django.urls import path

from casework.damocles.web.views import actions, figures, letters, policy, read, register, tracks

CASE = "cases/<uuid:case_id>/damocles/"
LETTERS = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path("damocles/new/", register.procedure_create, name="damocles_register"),
    path("damocles/deadlines/", read.deadlines, name="damocles_deadlines"),
    path("damocles/policy/", policy.policy_list, name="damocles_policy_list"),
    path("damocles/policy/new/", policy.policy_create, name="damocles_policy_create"),
    path("damocles/policy/<int:version_id>/", policy.policy_detail, name="damocles_policy_detail"),
    path(f"{CASE}reports/<uuid:report_id>/document/", read.report_download, name="damocles_report_download"),
    path(f"{CASE}transition/<str:target>/", actions.step, name="damocles_step"),
    path(f"{CASE}assessment/", actions.assessment, name="damocles_assessment"),
    path(f"{CASE}approval/", actions.approval_request, name="damocles_approval_request"),
    path(f"{CASE}approval/<uuid:approval_id>/", actions.approval_decide_view, name="damocles_approval_decide"),
    path(f"{CASE}sealing/", actions.sealing, name="damocles_sealing"),
    path(f"{CASE}announcements/new/", tracks.announcement_create, name="damocles_announcement_create"),
    path(f"{CASE}objections/new/", tracks.objection_create, name="damocles_objection_create"),
    path(f"{CASE}objections/<uuid:objection_id>/", tracks.objection_update, name="damocles_objection_update"),
    path(f"{CASE}objections/<uuid:objection_id>/notice.pdf", tracks.objection_notice,
         name="damocles_objection_notice"),
    path(f"{CASE}interim-relief/new/", tracks.interim_relief_create, name="damocles_interim_relief_create"),
    path(f"{CASE}interim-relief/<uuid:relief_id>/", tracks.interim_relief_update,
         name="damocles_interim_relief_update"),
    path(f"{CASE}appeals/new/", tracks.appeal_create, name="damocles_appeal_create"),
    path(f"{CASE}appeals/<uuid:appeal_id>/", tracks.appeal_update, name="damocles_appeal_update"),
    path(f"{LETTERS}letters/", letters.letters_page, name="damocles_letters"),
    path(f"{LETTERS}letters/<uuid:letter_id>.pdf", letters.letter_pdf, name="damocles_letter_pdf"),
    path(f"{LETTERS}letters/<uuid:letter_id>.html", letters.letter_html, name="damocles_letter_html"),
    path("damocles/figures/", figures.figures_page, name="damocles_figures"),
    path("damocles/figures/berekenen/", figures.figures_refresh, name="damocles_figures_refresh"),
    path("damocles/figures.csv", figures.figures_csv, name="damocles_figures_csv"),
]
