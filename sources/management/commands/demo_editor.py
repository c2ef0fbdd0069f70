from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from conflictwatch.core.roles import roles_ensure


class Command(BaseCommand):
    help = "Create the demo's editor account (editor / editor). Refused unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_editor only runs with DEBUG=true (it sets a known password)")
        roles_ensure()
        user, created = get_user_model().objects.get_or_create(username="editor")
        if created:
            user.set_password("editor")
            user.save()
        user.groups.add(Group.objects.get(name="editor"))
        self.stdout.write("demo editor account ready" + (" (created)" if created else ""))
