"""Behaviour of the claim extractor, one phrasing family per test, in files by stage of
the rules (claims/extraction/rules/); support.py holds the shared helpers."""
