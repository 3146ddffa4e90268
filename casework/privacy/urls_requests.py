"""Privacy URLs: requests (names start with privacy_)."""

urlpatterns: list = []
