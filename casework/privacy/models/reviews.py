"""Privacy models: reviews (see casework/privacy/models/__init__.py)."""

__all__: list[str] = []
