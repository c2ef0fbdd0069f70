"""Helpers shared by the HTML pages: read access and domain errors on forms."""

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.views import View
from django.views.generic import FormView

from conflictwatch.core.exceptions import DomainError

# What the mixins below are mixed into, for the type checker only: at run time they stay
# plain classes, so they go in front of any view in the bases.
if TYPE_CHECKING:
    _ViewBase = View
    _FormViewBase = FormView
else:
    _ViewBase = _FormViewBase = object


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, forms.ValidationError(error.message, code=error.code))


class PublicReadMixin(_ViewBase):
    """Reading pages is open unless the operator turned PUBLIC_READ off."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.PUBLIC_READ and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class DomainFormMixin(_FormViewBase):
    """For FormViews whose `perform(form)` calls a service: a DomainError re-shows the form
    with the message on its field instead of failing the request."""

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            return self.perform(form)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
