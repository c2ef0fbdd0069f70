"""Kept for the tests that import it (tests/sources): the Russia–Ukraine reference slice and
the Toretsk story now live in tests/claims/factories.py."""

from tests.claims.factories import TORETSK_STORY
from tests.claims.factories import russia_ukraine_reference as build_russia_ukraine

__all__ = ["TORETSK_STORY", "build_russia_ukraine"]
