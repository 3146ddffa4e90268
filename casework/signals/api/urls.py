"""Signal API URLs."""

urlpatterns: list = []
