"""Serializers of the Damocles API: inbound.py parses input (the rules are in the services),
outbound.py declares the output rows field by field (the presenters fill them)."""
