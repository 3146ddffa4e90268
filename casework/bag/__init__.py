"""BAG addresses: search and pick an address in the PDOK Locatieserver or the municipality's own BAG
source, and know afterwards whether a stored address was picked there or typed by hand.

The core names no case type: every case type whose form takes an address (premises, recreation
objects, dwellings) uses `client` (the outgoing calls, each with a `traceparent` and an audit
event), `picks` (the signed proof of a pick) and `forms` (the search-and-pick step of a form that
works without JavaScript). Nothing leaves the system unless BAG_SOURCE is configured
(docs/adr/0022-bag-source-and-nothing-leaves-by-default.md).
"""
