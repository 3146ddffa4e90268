"""Signal services (writes): intake (`signal_register`), triage and routing (`signal_triage`)."""

from casework.signals.services.intake import signal_owner_for, signal_register
from casework.signals.services.triage import signal_triage

__all__ = ["signal_owner_for", "signal_register", "signal_triage"]
