"""Extraction quality by stage, and what each claim frame is worth.

    make quality     (or: .venv/bin/python bench/quality.py [--ablate] [--corpus PATH ...])
    make ablate      (the same with --ablate)

Parses every article once, then:
- scores the claims with the team's scorer (../shared/tools/score_claims.py) per corpus;
- prints a funnel per stage, so a miss can be traced to the stage that lost it: was the
  gold settlement named at all (places), did a claim of the right kind reach it (frames),
  was it attributed to the right claimant side (attribution), with the right side (actors);
- with --ablate, switches off each frame of claims/extraction/frames.yaml in turn and lists
  what its removal changes on the dev corpus and on our own corpora. A frame whose removal
  changes the dev score only is a candidate to delete: it fits the dev corpus, nothing else.

Uses an SQLite database of its own under var/quality/ (built on first run: migrate and the
reference data, a minute or two). Prints figures; asserts nothing.
"""

import argparse
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCORER = ROOT.parent / "shared" / "tools" / "score_claims.py"
DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
OWN = sorted((ROOT / "tests" / "data" / "corpus").glob("*.jsonl"))
VAR = ROOT / "var" / "quality"


def _setup() -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    database = VAR / "quality.sqlite3"
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", CELERY_BROKER_URL="")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    ready = VAR / "reference.loaded"
    if not ready.exists() or ready.stat().st_mtime < _reference_mtime():
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], check=True, env=os.environ)
        subprocess.run([*manage, "load_reference_data", "-v0"], check=True, env=os.environ)
        ready.touch()
    import django

    django.setup()


def _reference_mtime() -> float:
    files = (ROOT / "gazetteer" / "reference").rglob("*.yaml")
    return max(path.stat().st_mtime for path in files)


def _scorer():
    if not SCORER.exists():
        sys.exit(f"the scorer is not at {SCORER}: this script needs the team's shared tools")
    spec = importlib.util.spec_from_file_location("score_claims", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"{SCORER} cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _published(row: dict) -> dt.date:
    try:
        return dt.date.fromisoformat(str(row.get("published"))[:10])
    except ValueError:
        return dt.date.today()


class Corpus:
    """A gold corpus parsed once."""

    def __init__(self, path: Path):
        from claims.extraction.pipeline import get_nlp

        self.name = path.stem
        self.rows = _load(path)
        self.docs = list(get_nlp().pipe(row["text"] for row in self.rows))

    def predict(self) -> tuple[dict[str, dict], dict[str, list[tuple[str, str]]]]:
        """Claims per article, and the places each article's mentions resolved to."""
        from claims.extraction.mentions import find_mentions
        from claims.extraction.pipeline import _analyse, choose_conflict, resolve_places
        from claims.extraction.reference import get_index

        index = get_index()
        claims, places = {}, {}
        for row, doc in zip(self.rows, self.docs, strict=True):
            _conflict, found = _analyse(
                doc, index=index, published=_published(row), conflict_key=None, outlet=""
            )
            claims[row["id"]] = {
                "id": row["id"],
                "claims": [
                    {
                        "settlement": c.settlement_name,
                        "settlement_mention": c.settlement_mention,
                        "claimant_side": c.claimant_side,
                        "kind": c.kind,
                        "side": c.side,
                    }
                    for c in found
                ],
            }
            mentions = find_mentions(doc, index)
            conflict = choose_conflict(mentions, index)
            resolved = resolve_places(mentions, index, conflict) if conflict else {}
            by_start = {m.start: m for m in mentions}
            places[row["id"]] = [
                (place.name, by_start[start].span.text) for start, place in resolved.items()
            ] + [(c["settlement"], c["settlement_mention"]) for c in claims[row["id"]]["claims"]]
        return claims, places


def _gold(corpus: Corpus) -> dict[str, dict]:
    return {str(row["id"]): row for row in corpus.rows}


def score(scorer, corpus: Corpus, claims: dict[str, dict]) -> dict:
    return scorer.score(_gold(corpus), claims)


def funnel(scorer, corpus: Corpus, claims: dict, places: dict) -> Counter:
    """How many required gold claims survive each stage."""
    counts: Counter = Counter()
    for row in corpus.rows:
        predicted = claims[row["id"]]["claims"]
        named = [
            {"settlement": name, "settlement_mention": text} for name, text in places[row["id"]]
        ]
        for gold in row.get("claims", []):
            if gold.get("optional"):
                continue
            counts["gold"] += 1
            if not any(scorer.same_place(gold, p) for p in named):
                continue
            counts["place named"] += 1
            here = [p for p in predicted if scorer.same_place(gold, p)]
            here = [p for p in here if p["kind"] == gold["kind"]]
            if not here:
                continue
            counts["right kind"] += 1
            side = scorer.norm_side
            here = [p for p in here if side(p["claimant_side"]) == side(gold["claimant_side"])]
            if not here:
                continue
            counts["right claimant"] += 1
            if any(side(p["side"]) == side(gold.get("side")) for p in here):
                counts["right side"] += 1
    return counts


def _print_funnel(name: str, counts: Counter) -> None:
    gold = counts["gold"] or 1
    stages = ("place named", "right kind", "right claimant", "right side")
    line, previous = [], counts["gold"]
    for stage in stages:
        kept = counts[stage]
        of_previous = kept / previous if previous else 0.0
        line.append(f"{stage} {kept} ({kept / gold:.0%}; stage {of_previous:.0%})")
        previous = kept
    print(f"  {name}: gold {counts['gold']} -> " + " -> ".join(line))


def _f1(result: dict) -> float:
    return result["f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ablate", action="store_true", help="switch off each frame in turn")
    parser.add_argument("--corpus", type=Path, action="append", help="gold corpora (repeat)")
    args = parser.parse_args()
    _setup()
    scorer = _scorer()
    from claims.extraction.frames import all_frames, frames_disabled

    paths = args.corpus or [DEV, *OWN]
    started = time.perf_counter()
    corpora = [Corpus(path) for path in paths if path.exists()]
    articles = sum(len(c.rows) for c in corpora)
    print(f"parsed {articles} articles in {time.perf_counter() - started:.1f} s")

    baseline = {}
    print("F1 per corpus, and the stage funnel of required gold claims:")
    for corpus in corpora:
        claims, places = corpus.predict()
        result = score(scorer, corpus, claims)
        baseline[corpus.name] = result
        print(
            f"  {corpus.name}: P {result['precision']:.3f} R {result['recall']:.3f} "
            f"F1 {result['f1']:.3f} ({len(corpus.rows)} articles)"
        )
        _print_funnel(corpus.name, funnel(scorer, corpus, claims, places))
    if not args.ablate:
        return

    dev = [c for c in corpora if c.name == "dev"]
    own = [c for c in corpora if c.name != "dev"]

    def mean_f1(group: list[Corpus]) -> float:
        scores = [_f1(score(scorer, c, c.predict()[0])) for c in group]
        return sum(scores) / len(scores) if scores else 0.0

    base_dev = sum(_f1(baseline[c.name]) for c in dev) / (len(dev) or 1)
    base_own = sum(_f1(baseline[c.name]) for c in own) / (len(own) or 1)
    print(f"\nablation (F1 change when the frame is off; dev {base_dev:.3f}, own {base_own:.3f}):")
    print(f"  {'frame':32} {'dev':>7} {'own':>7}  verdict")
    for frame in all_frames():
        with frames_disabled({frame.id}):
            d_dev = mean_f1(dev) - base_dev
            d_own = mean_f1(own) - base_own
        if abs(d_dev) < 0.0005 and abs(d_own) < 0.0005:
            verdict = "no effect: candidate to delete"
        elif d_dev < -0.0005 and d_own >= -0.0005:
            verdict = "helps dev only: candidate to delete"
        elif d_own < -0.0005:
            verdict = "keep"
        else:
            verdict = "hurts: removing it helps"
        print(f"  {frame.id:32} {d_dev:+7.3f} {d_own:+7.3f}  {verdict}")


if __name__ == "__main__":
    main()
