"""What the extraction tests share: extracting a text and comparing its claims.

The expected claims follow shared/DESIGN.md ("Claim kinds", "A claim is not a fact") and the
annotation rules in shared/corpus/README.md. Every sentence here is invented for these tests.
A claim is compared as (settlement_name, claimant_side, kind, side); `optional` lists readings
the rules call defensible either way (neither required nor wrong).
"""

import datetime as dt
from pathlib import Path

import yaml

from claims.extraction.pipeline import extract_article_text

PUBLISHED = dt.date(2025, 3, 14)  # a Friday
TP = "third-party"


def extract(text, conflict="russia-ukraine", published=PUBLISHED):
    return extract_article_text(
        text=text, published=published, conflict_key=conflict, outlet="Test Wire"
    )


def tuples(result):
    return {(c.settlement_name, c.claimant_side, c.kind, c.side) for c in result.claims}


def assert_claims(result, required, optional=()):
    got = tuples(result)
    missing = set(required) - got
    extra = got - set(required) - set(optional)
    assert not missing and not extra, f"missing={missing} extra={extra} got={got}"


def claim_for(result, settlement, kind):
    found = [c for c in result.claims if c.settlement_name == settlement and c.kind == kind]
    assert found, f"no {kind} claim about {settlement}; got {tuples(result)}"
    return found[0]


class _NoDuplicateKeys(yaml.SafeLoader):
    """YAML whose mappings refuse a key written twice: safe_load keeps the last silently,
    which would drop a whole group of test sentences without a failure."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_cases(path: Path) -> dict:
    """A test-data file of named groups (construction cases, frame examples)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicateKeys)
