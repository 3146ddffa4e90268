"""Signals announcing account events to the layers above (`audit` records them).

`accounts` sits below `audit` and must not import it; these signals are the only channel.
Django's own `user_logged_in`, `user_logged_out` and `user_login_failed` cover logins.
"""

from django.dispatch import Signal

# sent with: actor (User), user (User), reason (str)
second_factor_reset = Signal()
# sent with: actor (User), user (User)
user_deactivated = Signal()
# sent with: actor (User | None), user (User), role (str)
user_created = Signal()
# sent with: actor (User), user (User), role (str), changed (list of field names)
user_updated = Signal()
# sent with: actor (User), organisation (Organisation), changed (list of field names)
organisation_updated = Signal()
# sent with: user (User), old_role (str | None), new_role (str), old_team (Team id | None),
# new_team (Team id | None), claim (str: the claim's name), groups (list of the claim values that matched)
roles_from_claims = Signal()
# sent with: user (User), reason (str): the identity provider refused the session's periodic re-check
sso_session_refused = Signal()
# sent with: actor (User | None), organisation (Organisation), changed (list of str)
identity_provider_updated = Signal()

# A backend that refuses a login for a reason worth recording sets this attribute on the request to
# (reason, account id or ""); Django then sends `user_login_failed`, whose audit receiver reads it.
LOGIN_REFUSAL_ATTR = "accounts_login_refusal"
# sent with: actor (User), user (User), device_id (int), added (bool): a passkey registered or removed
passkey_changed = Signal()
