"""URL patterns of the privacy officer's work; see casework/urls.py for the names.

subjects (views.py): privacy_subject_search
audit search by person (views_audit.py): privacy_person_audit, privacy_person_audit_results (by search handle)
inzage and data-subject requests (urls_requests.py): privacy_inzage*, privacy_request*
sharing register and reviews (urls_register.py): privacy_sharing_register*, privacy_review*
retention and destruction (urls_retention.py): privacy_retention*
"""

from django.urls import path

from casework.privacy import views, views_audit
from casework.privacy.urls_register import urlpatterns as register_urls
from casework.privacy.urls_requests import urlpatterns as request_urls
from casework.privacy.urls_retention import urlpatterns as retention_urls

urlpatterns: list = [
    path("privacy/subjects/", views.subject_search_view, name="privacy_subject_search"),
    path("privacy/audit-per-persoon/", views_audit.person_audit_view, name="privacy_person_audit"),
    path("privacy/audit-per-persoon/<slug:token>/", views_audit.person_audit_results,
         name="privacy_person_audit_results"),
    *request_urls,
    *register_urls,
    *retention_urls,
]
