"""Casework URLs (namespace `casework`). Names other modules and templates rely on:

read (casework/web/read_urls.py): case_list, case_detail, case_search, referral_create
actions (casework/web/action_urls.py): case_transition, conference_create, conference_edit,
  agreement_create, agreement_update, plan_update, escalation, handover, share_create,
  share_revoke, break_glass
privacy (casework/privacy/urls.py): privacy_subject_search
damocles letters and figures (casework/damocles/urls_letters.py): damocles_letters, damocles_letter_pdf,
  damocles_letter_html, damocles_figures, damocles_figures_csv
damocles web UI (casework/damocles/urls.py): damocles_register, damocles_deadlines, damocles_step,
  damocles_assessment, damocles_approval_*, damocles_sealing, damocles_*_create/_update, ...
park web UI (casework/park/urls.py): park_* names
Views that concern one case take the case as `case_id` (the audit middleware reads it).
"""

from casework.damocles.urls import urlpatterns as damocles_urls
from casework.damocles.urls_letters import urlpatterns as damocles_letter_urls
from casework.park.urls import urlpatterns as park_urls
from casework.privacy.urls import urlpatterns as privacy_urls
from casework.web.action_urls import urlpatterns as action_urls
from casework.web.read_urls import urlpatterns as read_urls

app_name = "casework"
urlpatterns = [*read_urls, *action_urls, *privacy_urls, *damocles_letter_urls, *damocles_urls, *park_urls]
