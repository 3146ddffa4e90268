"""Privacy models: retention (see casework/privacy/models/__init__.py)."""

__all__: list[str] = []
