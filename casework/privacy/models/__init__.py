"""Rows of the privacy officer's work; one module per area, each owned by its service module.

requests.py: data-subject requests (AVG 15-21) and their decisions; inzage.py: the review of an
inzage report's free text; reviews.py: reviews of
break-the-glass events and anomalies (audit events themselves are never updated); retention.py:
retention periods per case type, destruction batches and tombstones.
"""

from .inzage import *  # noqa: F403
from .requests import *  # noqa: F403
from .retention import *  # noqa: F403
from .reviews import *  # noqa: F403
