"""Small questions about a parsed word, for the claim rules and the frame table."""

from collections.abc import Collection

from spacy.tokens import Token

from claims.extraction import lexicon as lx


def has_child(token: Token, words: Collection[str], deps: tuple[str, ...] = ()) -> bool:
    """A child of the word is one of these words (written or lemma), under these labels."""
    return any(
        (c.lower_ in words or c.lemma_.lower() in words) and (not deps or c.dep_ in deps)
        for c in token.children
    )


def subtree_words(token: Token) -> set[str]:
    return {t.lemma_.lower() for t in token.subtree} | {t.lower_ for t in token.subtree}


def is_reporting(token: Token) -> bool:
    return token.lemma_.lower() in lx.REPORTING_VERBS and token.pos_ in ("VERB", "AUX")
