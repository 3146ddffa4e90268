"""The example type has no pages or resources of its own: the core's pages show it."""

urlpatterns: list = []
