"""Casework URLs (namespace `casework`). Names other modules and templates rely on:

read (casework/web/read_urls.py): case_list, case_detail, case_search
actions (casework/web/action_urls.py): case_transition, handover, share_create, share_revoke, break_glass
privacy (casework/privacy/urls.py): privacy_* names
each registered case type's web URLs (registry `web_urls`): its own names, prefixed with its code
(damocles_*, park_*) or named after its own pages (PGA: referral_create, conference_create, ...).
Views that concern one case take the case as `case_id` (the audit middleware reads it).
"""

from importlib import import_module

from casework import registry
from casework.privacy.urls import urlpatterns as privacy_urls
from casework.web.action_urls import urlpatterns as action_urls
from casework.web.read_urls import urlpatterns as read_urls

app_name = "casework"
urlpatterns = [*read_urls, *action_urls, *privacy_urls]
for _spec in registry.types():
    if _spec.web_urls:
        urlpatterns += import_module(_spec.web_urls).urlpatterns
