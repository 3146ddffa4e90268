"""Rows of the privacy officer's work: reviews, data-subject requests, retention, tombstones."""
