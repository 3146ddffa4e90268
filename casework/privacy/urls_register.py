"""Privacy URLs: register (names start with privacy_)."""

urlpatterns: list = []
