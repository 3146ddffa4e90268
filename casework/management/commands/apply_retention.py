"""`manage.py apply_retention`: list (dry run, the default) or destroy dossiers past their retention.

Without options it prints the cases whose retention period has ended and, apart, those held
(objection, appeal, open data-subject request, explicit hold), and changes nothing.
`--execute --approval ID` destroys the cases of destruction batch ID — proposed and approved by
two different privacy officers in the UI — but only if today's selection is exactly that batch
(casework/privacy/destruction.py). Run it from a scheduler or by hand; `--actor` names the
operator in the audit trail (default: the batch's approver).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit import context as audit_context
from casework.privacy.destruction import DestructionRefused, batch_execute
from casework.privacy.models import DestructionBatch
from casework.privacy.retention import retention_selection
from encryption.management.commands._actor import add_actor_argument, resolve_actor


class Command(BaseCommand):
    help = "Show the dossiers past their retention period (dry run) or destroy an approved batch of them."
    schedule = "daily"  # a scheduled job (ops/jobs.py; deploy/systemd/)

    def add_arguments(self, parser):
        parser.add_argument("--execute", action="store_true", help="Destroy (needs --approval).")
        parser.add_argument("--approval", help="Id of the approved destruction batch to execute.")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        if options["execute"] and not options["approval"]:
            raise CommandError("--execute needs --approval ID (a destruction batch approved in the UI)")
        if options["approval"] and not options["execute"]:
            raise CommandError("--approval is only used with --execute")
        if not options["execute"]:
            self._dry_run()
            return
        actor = resolve_actor(options["actor"])
        if actor is None:
            batch = DestructionBatch.objects.filter(pk=options["approval"]).select_related("approved_by").first() \
                if _is_uuid(options["approval"]) else None
            actor = batch.approved_by if batch else None
        with audit_context.command_context("apply_retention", actor=actor):
            try:
                done = batch_execute(batch_id=options["approval"], actor=actor)
            except DestructionRefused as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"destroyed {len(done.references)} cases ({', '.join(done.references)}), "
                          f"{done.persons} persons, {done.rows} rows; {done.keys} data keys shredded")

    def _dry_run(self) -> None:
        selection = retention_selection()
        self.stdout.write(f"dry run: nothing is changed. {len(selection.expired)} cases past their retention period"
                          f"{':' if selection.expired else '.'}")
        for c in selection.expired:
            self.stdout.write(f"  {c.reference}  {c.case_type}  closed {c.closed_on}  period ended {c.expires_on}"
                              f"  ({c.policy.years} years, {c.policy.basis})")
        self.stdout.write(f"{len(selection.held)} held:")
        for c in selection.held:
            self.stdout.write(f"  {c.reference}  {c.case_type}  period ended {c.expires_on}  "
                              f"held: {'; '.join(c.holds)}")
        if selection.expired:
            self.stdout.write("Propose these cases as a destruction batch in the UI; after a second privacy officer "
                              "approves it, run: apply_retention --execute --approval <batch id>")


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
