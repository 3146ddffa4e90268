from django.urls import path

from accounts import views
from accounts.sso import views as sso_views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("login/passkey/", views.passkey_login_options, name="passkey_login_options"),
    path("login/sso/<uuid:provider_id>/", sso_views.SSOStartView.as_view(), name="sso_start"),
    path("login/sso/callback/", sso_views.SSOCallbackView.as_view(), name="sso_callback"),
    path("me/", views.account_view, name="account"),
    path("me/passkeys/options/", views.passkey_register_options, name="passkey_register_options"),
    path("me/passkeys/<int:device_id>/remove/", views.passkey_remove, name="passkey_remove"),
    path("organisation/", views.organisation_edit, name="organisation_edit"),
    path("organisation/sso-groups/", sso_views.group_mapping_list, name="group_mapping_list"),
    path("organisation/sso-groups/<uuid:mapping_id>/remove/", sso_views.group_mapping_remove,
         name="group_mapping_remove"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<uuid:user_id>/", views.user_edit, name="user_edit"),
    path("users/<uuid:user_id>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<uuid:user_id>/second-factor/", views.second_factor_reset, name="second_factor_reset"),
]
