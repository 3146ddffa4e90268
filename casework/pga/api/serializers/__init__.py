"""Serializers of the PGA API: inbound.py parses input (the rules are in the services),
outbound.py declares the output rows field by field (the presenters fill them)."""
