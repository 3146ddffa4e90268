"""REST API v1 URL patterns."""

urlpatterns: list = []
