"""Damocles selectors (the read side). Every query starts from cases the caller may see.

- case_section.py: the Damocles part of the case page (the registry's `case_section`);
- deadlines.py: the deadline overview, the registry's `deadlines` and `dashboard` providers;
- figures.py: counts per year for the team lead, and their CSV export;
- indicators.py: the registry's `figures` provider (the annual figures, casework/figures/);
- policy_table.py: the versions of the policy table and the one in force.
"""
