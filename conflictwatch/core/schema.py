"""OpenAPI: how the token scheme appears in the schema (drf-spectacular finds extensions
by import, so conflictwatch.core.apps imports this module)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
