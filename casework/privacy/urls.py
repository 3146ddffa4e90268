"""URL patterns; see casework/urls.py for the names other modules rely on."""

urlpatterns: list = []
