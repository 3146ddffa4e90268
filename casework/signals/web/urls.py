"""Signal web URLs (namespace `casework`)."""

urlpatterns: list = []
