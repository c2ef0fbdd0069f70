"""The paste form. It checks shapes only; article_ingest decides what text is acceptable."""

from django import forms
from django.utils import timezone

from gazetteer.models import Conflict
from sources.api.serializers import OUTLET_CAP, TITLE_CAP, URL_CAP


def conflict_choice(*, empty_label: str) -> forms.ModelChoiceField:
    """An optional conflict, chosen by key; left empty, the extractor decides."""
    return forms.ModelChoiceField(
        queryset=Conflict.objects.all(),
        to_field_name="key",
        required=False,
        empty_label=empty_label,
    )


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
    conflict = conflict_choice(empty_label="Detect from the text")


class UrlSubmitForm(forms.Form):
    """Give a URL: the page is fetched in the background and stored as an article. Its
    fields are prefixed: it shares a page with the paste form, which has a URL field too."""

    prefix = "fetch"

    url = forms.CharField(
        label="Article URL",
        max_length=URL_CAP,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text="The page is downloaded, its story extracted and saved as an article.",
    )
    conflict = conflict_choice(empty_label="Detect from the text")


class FeedForm(forms.Form):
    url = forms.CharField(
        label="Feed URL", max_length=URL_CAP, widget=forms.URLInput, help_text="RSS or Atom."
    )
    title = forms.CharField(required=False, max_length=TITLE_CAP)
    outlet = forms.CharField(
        label="Outlet", required=False, max_length=OUTLET_CAP, help_text="e.g. Reuters"
    )
    conflict = conflict_choice(empty_label="Detect from each article")
    poll_interval_seconds = forms.IntegerField(
        label="Poll every (seconds)", initial=900, min_value=1, max_value=10**7
    )
