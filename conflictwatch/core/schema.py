"""OpenAPI: how the token scheme appears in the schema (drf-spectacular finds extensions
by import, so conflictwatch.core.apps imports this module), and the generator, with every
operation's errors in it: each one lists the problems (conflictwatch.core.problems) it can
answer, as application/problem+json, whether or not its view names them."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

from conflictwatch.core.problems import PROBLEM_CONTENT_TYPE, PROBLEM_RESPONSES, WRITE_PROBLEMS


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "conflictwatch.core.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`: a token from `manage.py issue_token` or the "
            "tokens page (/accounts/tokens/). Tokens expire; a bad or expired one is 401.",
        }


class ProblemAutoSchema(AutoSchema):
    def get_auth(self):
        """Reads are open (unless PUBLIC_READ is off): a token is optional on them, which
        OpenAPI says with an empty security requirement."""
        auth = super().get_auth()
        if self.method in SAFE_METHODS and settings.PUBLIC_READ and {} not in auth:
            auth.append({})
        return auth

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        defaults = PROBLEM_RESPONSES if self.method == "GET" else WRITE_PROBLEMS
        for code, problem in defaults.items():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    problem, str(code), [PROBLEM_CONTENT_TYPE], direction
                )
        for status_code, response in responses.items():
            # Errors are problem+json whatever the client asked for (see exception_handler).
            if int(status_code) >= 400 and response.get("content"):
                first = next(iter(response["content"].values()))
                response["content"] = {PROBLEM_CONTENT_TYPE: first}
        return responses
