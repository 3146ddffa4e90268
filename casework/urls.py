"""Casework URLs (namespace `casework`). Names other modules and templates rely on:

core pages (casework/web/urls.py): case_list, case_detail, case_search, case_transition, handover,
  share_create, share_revoke, break_glass
privacy (casework/privacy/urls.py): privacy_* names
notifications (casework/notifications/web/urls.py): notification_list, notification_read, notifications_all_read,
  notification_settings
documents (casework/documents/web/urls.py): document_list, document_detail, document_version_add,
  document_withdraw, document_download, document_preview
annual figures (casework/figures/web/urls.py): figures, figures_csv, figures_xlsx, figures_goals, ...
each registered case type's web URLs (registry `web_urls`): its own names, prefixed with its code
(damocles_*, park_*) or named after its own pages (PGA: referral_create, conference_create, ...).
Views that concern one case take the case as `case_id` (the audit middleware reads it).
"""

from importlib import import_module

from casework import registry
from casework.documents.web.urls import urlpatterns as document_urls
from casework.figures.web.urls import urlpatterns as figure_urls
from casework.meetings.web.urls import urlpatterns as meeting_urls
from casework.notifications.web.urls import urlpatterns as notification_urls
from casework.privacy.urls import urlpatterns as privacy_urls
from casework.web.urls import urlpatterns as case_urls

app_name = "casework"
urlpatterns = [*case_urls, *meeting_urls, *notification_urls, *document_urls, *figure_urls, *privacy_urls]
for _spec in registry.types():
    if _spec.web_urls:
        urlpatterns += import_module(_spec.web_urls).urlpatterns
