"""Reads for sides: the names pages show instead of side keys."""

from gazetteer.models import Side
from gazetteer.vocabulary import THIRD_PARTY

THIRD_PARTY_LABEL = "Third parties"


def side_names() -> dict[str, str]:
    """Side key -> display name ("russia" -> "Russia"), third-party included.

    Keys are unique across conflicts in the reference data; should two conflicts share a
    key, the first conflict's name wins (both name the same belligerent in practice).
    """
    names: dict[str, str] = {THIRD_PARTY: THIRD_PARTY_LABEL}
    for key, name in Side.objects.order_by("conflict__key", "key").values_list("key", "name"):
        names.setdefault(key, name)
    return names


def side_choices() -> list[tuple[str, str]]:
    """(key, name) for every side, by name: the choices of a "controlling side" filter."""
    names = side_names()
    names.pop(THIRD_PARTY)
    return sorted(names.items(), key=lambda item: item[1].lower())
