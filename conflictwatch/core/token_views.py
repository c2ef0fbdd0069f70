"""The page where a signed-in user manages their own API tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import TemplateView

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.pages import add_domain_error
from conflictwatch.core.tokens import NAME_MAX_CHARS, token_issue, token_list, token_revoke
from conflictwatch.core.users import signed_in_user


class TokenIssueForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX_CHARS, required=False, help_text="What the token is for."
    )


class TokenRevokeForm(forms.Form):
    token = forms.CharField(max_length=100)


class TokenListView(LoginRequiredMixin, TemplateView):
    """GET: the user's tokens. POST `issue`: a new token, shown once on the page that
    answers. POST `revoke`: revoke one of the user's own tokens (by its first characters;
    another user's token is never found)."""

    template_name = "account/tokens.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("issue_form", TokenIssueForm())
        context["tokens"] = token_list(user=signed_in_user(self.request))
        return context

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            return self._revoke(TokenRevokeForm(request.POST))
        form = TokenIssueForm(request.POST)
        if form.is_valid():
            try:
                stored, token = token_issue(
                    user=signed_in_user(request), name=form.cleaned_data["name"]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                # Shown in this response only: it is never stored nor shown again.
                context = self.get_context_data(issue_form=TokenIssueForm())
                return self.render_to_response({**context, "new_token": token, "new": stored})
        return self.render_to_response(self.get_context_data(issue_form=form), status=400)

    def _revoke(self, form: TokenRevokeForm):
        if form.is_valid():
            try:
                revoked = token_revoke(
                    user=signed_in_user(self.request), token_key=form.cleaned_data["token"]
                )
            except DomainError as error:
                revoked = 0
                messages.error(self.request, error.message)
            if revoked:
                messages.success(self.request, "The token was revoked.")
        return HttpResponseRedirect(reverse("account-tokens"))
