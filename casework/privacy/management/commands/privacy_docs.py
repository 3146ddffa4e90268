"""Write the generated privacy documents (docs/privacy/), or `--check` that they are up to date.

    python manage.py privacy_docs            # regenerate what changed
    python manage.py privacy_docs --check    # exit 1 naming every document that is out of date

The processing register is generated from the register rows of the database this command runs
against: after the privacy officer changes the register, regenerate and commit the document.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casework.privacy import docs


class Command(BaseCommand):
    help = "Generate docs/privacy/ documents from the register data and the code (--check: verify only)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Change nothing; exit 1 if a document is out of date.")
        parser.add_argument("--directory", type=Path, default=None, help="Target directory (default docs/privacy/).")

    def handle(self, *args, check: bool = False, directory: Path | None = None, **options):
        if check:
            stale = docs.out_of_date(directory)
            if stale:
                raise CommandError("out of date (run `manage.py privacy_docs`): " + ", ".join(stale))
            self.stdout.write(self.style.SUCCESS("Privacy documents are up to date."))
            return
        changed = docs.write_all(directory)
        for filename in changed:
            self.stdout.write(f"wrote {filename}")
        if not changed:
            self.stdout.write("Privacy documents were already up to date.")
