"""Extraction throughput and memory, next to the raw spaCy pipeline on the same texts.

    make bench            (or: .venv/bin/python bench/extraction.py [--corpus PATH ...])

Each measurement runs in its own process pinned to one core, so peak memory (ru_maxrss) is
what one worker process would hold: the raw run loads spaCy only; the extractor run also
builds the gazetteer and actor indexes. Prints figures; asserts nothing.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPORA = [ROOT / "sources/data/sample_articles.jsonl", ROOT / "../shared/corpus/dev.jsonl"]
WORDS_PER_ARTICLE = 400
ROUNDS = 3


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    import django

    django.setup()


def _texts(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append({"text": row["text"], "published": row.get("published", "2025-01-01")})
    return rows


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _best_of(run) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def measure(mode: str, paths: list[Path]) -> dict:
    """Runs in the child process."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    _setup_django()
    import datetime as dt

    from claims.extraction.pipeline import extract_many, get_nlp

    rows = _texts(paths)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    nlp = get_nlp()
    if mode == "raw":
        seconds = _best_of(lambda: list(nlp.pipe(texts, batch_size=16)))
    elif mode == "extractor":
        items = [(r["text"], dt.date.fromisoformat(r["published"][:10]), None, "") for r in rows]
        extract_many(items[:2])  # build the indexes once, as a worker does on its first task
        seconds = _best_of(lambda: extract_many(items))
    else:  # one 5 MB article, truncated for extraction with a note
        big = (texts[0] + "\n\n") * (5_000_000 // (len(texts[0]) + 2) + 1)
        start = time.perf_counter()
        (result,) = extract_many([(big[:5_000_000], dt.date(2025, 1, 1), None, "")])
        seconds = time.perf_counter() - start
        return {"mode": mode, "seconds": seconds, "peak_mb": _peak_mb(), "notes": result.notes,
                "claims": len(result.claims)}  # fmt: skip
    return {
        "mode": mode, "articles": len(texts), "words": words, "seconds": seconds,
        "articles_per_s": len(texts) / seconds, "words_per_s": words / seconds,
        "peak_mb": _peak_mb(),
    }  # fmt: skip


def _child(mode: str, paths: list[Path]) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, *[str(p) for p in paths]]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def _prepare_database() -> None:
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.corpora)))
        return
    _prepare_database()
    raw, ours, big = (_child(mode, args.corpora) for mode in ("raw", "extractor", "big"))
    per_400 = ours["words_per_s"] / WORDS_PER_ARTICLE
    print(
        f"texts: {ours['articles']} articles, {ours['words']:,} words, one core, best of {ROUNDS}"
    )
    print(f"{'':24}{'articles/s':>12}{'words/s':>12}{'peak MB':>10}")
    for label, row in (("raw spaCy pipeline", raw), ("extractor", ours)):
        print(f"{label:24}{row['articles_per_s']:>12.1f}{row['words_per_s']:>12,.0f}"
              f"{row['peak_mb']:>10.0f}")  # fmt: skip
    print(f"extractor / raw throughput: {ours['words_per_s'] / raw['words_per_s']:.0%} "
          "(target >= 70%)")  # fmt: skip
    print(f"400-word articles per second (extractor): {per_400:.1f} (target >= 15)")
    print(f"peak memory per worker with gazetteer: {ours['peak_mb']:.0f} MB (target <= 600)")
    print(f"5 MB article: {big['seconds']:.1f} s, peak {big['peak_mb']:.0f} MB, "
          f"{big['claims']} claims; {'; '.join(big['notes'])}")  # fmt: skip


if __name__ == "__main__":
    main()
