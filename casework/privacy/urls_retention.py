"""Privacy URLs: retention (names start with privacy_)."""

urlpatterns: list = []
