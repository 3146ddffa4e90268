"""Woonoverlast services (writes), one module per topic; the public ones are re-exported here.

- files.py: opening a file, nuisance reports (shielded reporters), the zwartboek, interventions, views;
- orders.py: drafting the gedragsaanwijzing and the closure with their four-eyes request;
- closures.py: extending an imposed closure (art. 174a lid 3, four eyes), its cost recovery (Awb 5:25);
- care.py: the care offer through a linked PGA case, only with a sharing decision;
- guards.py: the legal preconditions of every status step (the workflow's `apply` hook);
- tracks.py: announcements and remedies (the core's remedies);
- monitoring.py: compliance checks;
- collection.py: collecting forfeited penalties (the core's penalties with woonoverlast's rules);
- enforcement.py: forfeitures (the core's penalties) and bestuursdwang, after the compliance term
  (the core's casework/remedies/terms.py) unless urgent.
"""

from casework.woonoverlast.services.care import care_offer_refer
from casework.woonoverlast.services.closures import closure_costs_record, closure_extend, closure_extension_request
from casework.woonoverlast.services.collection import (
    collection_decision_record,
    collection_intention_record,
    collection_request_record,
)
from casework.woonoverlast.services.enforcement import enforcement_act_record, forfeiture_record, payment_record
from casework.woonoverlast.services.files import (
    intervention_record,
    melding_register,
    view_record,
    woonoverlast_file_open,
    zwartboek_record,
)
from casework.woonoverlast.services.monitoring import check_record
from casework.woonoverlast.services.orders import closure_request_approval, order_request_approval
from casework.woonoverlast.services.tracks import announcement_register, appeal_register, objection_register

__all__ = [
    "announcement_register", "appeal_register", "care_offer_refer", "check_record", "collection_decision_record",
    "collection_intention_record", "collection_request_record", "enforcement_act_record",
    "forfeiture_record", "payment_record", "closure_costs_record", "closure_extend", "closure_extension_request",
    "closure_request_approval", "intervention_record", "melding_register", "objection_register",
    "order_request_approval", "view_record", "woonoverlast_file_open", "zwartboek_record",
]
