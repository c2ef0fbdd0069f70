from django import forms

from claims.models import Change
from webhooks.services.subscriptions import DESCRIPTION_MAX_CHARS, URL_MAX_CHARS


class SubscriptionForm(forms.Form):
    url = forms.CharField(
        max_length=URL_MAX_CHARS, label="URL", help_text="An http(s) URL on the public internet."
    )
    conflict = forms.SlugField(
        max_length=64, required=False, help_text="A conflict's key, e.g. russia-ukraine."
    )
    settlement = forms.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False,
        help_text="A settlement's id (the number in its page's address). Not with a conflict.",
    )  # fmt: skip
    event_types = forms.MultipleChoiceField(
        choices=Change.Event.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every event.",
    )  # fmt: skip
    description = forms.CharField(max_length=DESCRIPTION_MAX_CHARS, required=False)


OVERLAP_CHOICES = [
    (0, "none: the old secret stops now"),
    (3600, "1 hour"),
    (24 * 3600, "1 day"),
    (7 * 24 * 3600, "7 days"),
]


class SecretRotateForm(forms.Form):
    overlap_seconds = forms.TypedChoiceField(
        choices=OVERLAP_CHOICES, coerce=int, initial=24 * 3600,
        label="Old secret still signs for",
        help_text="Until then each delivery carries a signature by each secret, so your "
        "receiver can switch to the new one without missing any.",
    )  # fmt: skip
