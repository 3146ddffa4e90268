from django.contrib.auth import views as auth_views
from django.urls import include, path

from tests.oidc_provider import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("test/users/", views.user_upsert),
    path("test/token-mode/", views.token_mode),
    path("", include("oauth2_provider.urls")),
]
