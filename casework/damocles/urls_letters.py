"""URL patterns of the Damocles letters and figures (wired into casework/urls.py, namespace `casework`).

Names: damocles_letters (list + generate), damocles_letter_pdf, damocles_letter_html,
damocles_figures, damocles_figures_csv. Case URLs take `case_id` (the audit middleware reads it).
"""

from django.urls import path

from casework.damocles import views_figures, views_letters

CASE = "cases/<uuid:case_id>/"

urlpatterns: list = [
    path(f"{CASE}letters/", views_letters.letters_page, name="damocles_letters"),
    path(f"{CASE}letters/<uuid:letter_id>.pdf", views_letters.letter_pdf, name="damocles_letter_pdf"),
    path(f"{CASE}letters/<uuid:letter_id>.html", views_letters.letter_html, name="damocles_letter_html"),
    path("damocles/figures/", views_figures.figures_page, name="damocles_figures"),
    path("damocles/figures.csv", views_figures.figures_csv, name="damocles_figures_csv"),
]
