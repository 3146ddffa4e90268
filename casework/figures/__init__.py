"""The annual figures (issue 21): one page and exports per year and quarter, every case type's
indicators from the registry's `figures` provider, goal lines, external (police) figures and
small-count suppression (docs/adr/0028-small-count-suppression.md). It knows no case type."""
