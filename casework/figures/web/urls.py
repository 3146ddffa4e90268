"""Annual figures pages (namespace `casework`, included by casework/urls.py): figures, figures_refresh, figures_csv,
figures_xlsx, figures_goals, figures_goal_delete, figures_external."""

from django.urls import path

from casework.figures.web import views

urlpatterns: list = [
    path("jaarcijfers/", views.figures_page, name="figures"),
    path("jaarcijfers/berekenen/", views.figures_refresh, name="figures_refresh"),
    path("jaarcijfers.csv", views.figures_csv, name="figures_csv"),
    path("jaarcijfers.xlsx", views.figures_xlsx, name="figures_xlsx"),
    path("jaarcijfers/doelen/", views.goals, name="figures_goals"),
    path("jaarcijfers/doelen/<int:goal_id>/verwijderen/", views.goal_delete, name="figures_goal_delete"),
    path("jaarcijfers/extern/", views.external, name="figures_external"),
]
