"""Damocles models (app label `damocles`; table names unchanged by the move into this package).

- procedures.py: the case detail (DamoclesCase), the police report and its findings;
- premises.py: premises as a dossier of their own, and the parties at them;
- policy.py: the policy table (beleidsregels), versioned with a date of effect;
- tracks.py: letters (the legal remedies — announcements per addressee, objections, interim relief,
  appeals — are the core's: casework/remedies/models.py).
"""

from .policy import PolicyTier, PolicyVersion, Sanction, Substance, Unit
from .premises import Premises, PremisesKind, PremisesParty
from .procedures import DamoclesCase, Finding, Ground, PoliceReport
from .tracks import Letter

__all__ = [
    "DamoclesCase", "Finding", "Ground", "Letter", "PolicyTier", "PolicyVersion", "Premises", "PremisesKind",
    "PremisesParty", "PoliceReport", "Sanction", "Substance", "Unit",
]
