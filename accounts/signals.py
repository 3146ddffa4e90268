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
