"""Signals for key operations. `audit` subscribes to them; `encryption` never imports `audit`.

Every signal is sent with keyword arguments `actor` (a User or None for a command run by an
operator; commands pass `--actor USERNAME` when known), `when` (aware datetime) and:
- key_rotation: `kek_id` (the new active KEK id), `count` (data keys re-wrapped)
- dossier_reencrypted: `dossier_id` (UUID), `old_key_id`, `new_key_id`
- dossier_shredded: `dossier_id` (UUID), `key_id`, `reason` (str)
- orphan_keys_destroyed: `count` (data keys no row referred to, destroyed by the sweeper)
"""

from django.dispatch import Signal

key_rotation = Signal()
dossier_reencrypted = Signal()
dossier_shredded = Signal()
orphan_keys_destroyed = Signal()
