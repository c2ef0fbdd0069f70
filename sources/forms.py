"""The paste form. It checks shapes only; article_ingest decides what text is acceptable."""

from django import forms
from django.utils import timezone

from claims.models import Conflict
from sources.api.serializers import OUTLET_CAP, TITLE_CAP, URL_CAP


class ArticlePasteForm(forms.Form):
    title = forms.CharField(max_length=TITLE_CAP)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Plain text or HTML; tags are removed.",
    )
    published = forms.DateField(
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the article was published.",
    )
    url = forms.CharField(
        label="URL",
        required=False,
        max_length=URL_CAP,
        widget=forms.URLInput,
        help_text="Optional: where the article was published.",
    )
    outlet = forms.CharField(
        label="Outlet", required=False, max_length=OUTLET_CAP, help_text="e.g. Reuters"
    )
    conflict = forms.ModelChoiceField(
        queryset=Conflict.objects.all(),
        to_field_name="key",
        required=False,
        empty_label="Detect from the text",
    )
