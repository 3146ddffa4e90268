"""Privacy URLs: register (names start with privacy_): the sharing register and the reviews."""

from django.urls import path

from casework.privacy import views_register

urlpatterns: list = [
    path("privacy/sharing-register/", views_register.sharing_register, name="privacy_sharing_register"),
    path("privacy/sharing-register/export.csv", views_register.sharing_register_csv,
         name="privacy_sharing_register_csv"),
    path("privacy/sharing-register/<uuid:share_id>/", views_register.sharing_register_detail,
         name="privacy_sharing_register_detail"),
    path("privacy/reviews/", views_register.review_list, name="privacy_reviews"),
    path("privacy/reviews/settings/", views_register.review_settings, name="privacy_review_settings"),
    path("privacy/reviews/<slug:rule>/<str:key>/", views_register.review_detail, name="privacy_review_detail"),
]
