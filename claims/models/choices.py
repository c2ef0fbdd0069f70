"""Django choices built from claims.vocabulary's enums."""

import enum

from django.db import models


def vocabulary_choices(
    vocabulary: type[enum.StrEnum], *, qualname: str
) -> type[models.TextChoices]:
    """Django choices with the vocabulary's member names and values, so a kind or a status
    is added in claims.vocabulary alone. Labels come from the names ("CAPTURE" ->
    "Capture"), as in a TextChoices class written out by hand; `qualname` is where the
    class lives here ("Claim.Kind"), so its members pickle by that name."""
    # Enum's functional API takes module= and qualname=; django-stubs' TextChoices signature
    # leaves them out.
    return models.TextChoices(  # type: ignore[call-overload]
        qualname.rpartition(".")[2],
        [(member.name, member.value) for member in vocabulary],
        module=__name__,
        qualname=qualname,
    )
