"""Sources sits below claims: its services and tasks import nothing from claims (claims
listens for `article_stored` and queues extraction itself)."""

import ast
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(
    "path",
    [*sorted((SOURCES / "services").glob("*.py")), SOURCES / "tasks.py", SOURCES / "models.py"],
    ids=lambda p: p.name,
)
def test_the_ingestion_side_of_sources_imports_nothing_from_claims(path):
    assert not {name for name in _imports(path) if name.split(".")[0] == "claims"}


def test_a_stored_article_reaches_extraction_through_the_signal():
    from sources.signals import article_stored

    receivers = [entry[1]() for entry in article_stored.receivers]  # weak references
    assert any(getattr(r, "__module__", "") == "claims.tasks" for r in receivers)
