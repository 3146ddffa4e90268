"""Park enforcement selectors (the read side; nothing here writes), one module per topic:

- case_section.py: the park part of the case page (the registry's `case_section`);
- overview.py: the park overview and its CSV, the park deadlines (the registry's `deadlines`)
  and the handhaver's dashboard section (`dashboard_sections`);
- figures.py: the registry's `figures` provider (the annual figures, casework/figures/);
- objects.py: finding a recreation object again by number, BAG id or address.
"""
