"""The roles an installation starts with: `editor` (adds articles and feeds, reviews and
corrects claims, resolves provisional settlements) and `analyst` (reads everything).

Permissions are named by app label and codename, so this module imports no app's models.
"""

from django.contrib.auth.models import Group, Permission

EDITOR_PERMISSIONS = [
    ("sources", "add_article"), ("sources", "add_feed"), ("sources", "change_feed"),
    ("claims", "add_review"), ("claims", "add_correction"), ("claims", "change_claim"),
    ("gazetteer", "change_settlement"),
]  # fmt: skip
# Analysts read everything these apps hold.
READ_APPS = ["gazetteer", "claims", "sources"]


def roles_ensure() -> None:
    """The `editor` and `analyst` groups with their permissions."""
    editor, _ = Group.objects.get_or_create(name="editor")
    analyst, _ = Group.objects.get_or_create(name="analyst")
    perms = [
        Permission.objects.get(content_type__app_label=app, codename=code)
        for app, code in EDITOR_PERMISSIONS
    ]
    editor.permissions.set(perms)
    analyst.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["gazetteer", "claims", "sources"],
            codename__startswith="view_",
        )
    )
