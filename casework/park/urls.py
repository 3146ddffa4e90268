"""URL patterns of the park enforcement web UI; see casework/urls.py for the names."""

urlpatterns: list = []
