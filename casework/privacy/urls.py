"""URL patterns of the privacy officer's work; see casework/urls.py for the names.

subjects (views.py): privacy_subject_search
inzage and data-subject requests (urls_requests.py): privacy_inzage*, privacy_request*
sharing register and reviews (urls_register.py): privacy_sharing_register*, privacy_review*
retention and destruction (urls_retention.py): privacy_retention*
"""

from django.urls import path

from casework.privacy import views
from casework.privacy.urls_register import urlpatterns as register_urls
from casework.privacy.urls_requests import urlpatterns as request_urls
from casework.privacy.urls_retention import urlpatterns as retention_urls

urlpatterns: list = [
    path("privacy/subjects/", views.subject_search_view, name="privacy_subject_search"),
    *request_urls,
    *register_urls,
    *retention_urls,
]
