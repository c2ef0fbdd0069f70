"""Webhooks sits above claims: claims announces committed changes with a signal and never
imports webhooks."""

import ast
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[2] / "claims"


def test_claims_imports_nothing_from_webhooks():
    for path in CLAIMS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            assert not [n for n in names if n.split(".")[0] == "webhooks"], path


def test_committed_changes_reach_the_dispatcher_through_the_signal():
    from claims.signals import changes_committed

    receivers = [entry[1]() for entry in changes_committed.receivers]
    assert any(getattr(r, "__module__", "") == "webhooks.tasks" for r in receivers)
