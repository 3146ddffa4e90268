"""BRP: look persons up in the Basisregistratie Personen through the Haal Centraal BRP API Personen (by BSN, or the
residents of an adresseerbaar object) and BRP bewoning (who lived at an adresseerbaar object in a period).

The core names no case type: the case types' registration forms, residence checks and addressees use `client`
(the outgoing calls: authorisation first, then `fields` minimisation, purpose and processing-activity headers,
`traceparent`, an audit event per call), `access` (who may look up, for which processing activity), `prefill`
(a person's form fields from the BRP, with the source to record) and `forms` (the lookup step of a form). Nothing
is sent unless BRP_SOURCE is configured (docs/adr/0025-brp-authorised-activities-and-hand-entry.md).
"""
