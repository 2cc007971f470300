"""Tokenising and the lexical sparse vector, computed locally so search needs no model.

Each word is stemmed with both the English and the French Snowball stemmers and both stems are
kept: this needs no language detection (unreliable on a four-word question) and lets cognates
meet across languages ("stratégie" and "strategies" share a stem). Stems are hashed with CRC-32
into Qdrant's u32 sparse index space: the hash is stable across processes and versions, so an
index written today is still queried correctly tomorrow.

Document weights are BM25's saturated term frequency; Qdrant's IDF modifier supplies the other
half of BM25 at query time, so the collection's statistics never have to be recomputed here.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict
from functools import lru_cache

import snowballstemmer
from pydantic import BaseModel

from knowledge.kb.glossary import SYNONYMS

# BM25 constants. AVERAGE_LENGTH is fixed rather than measured so that adding a document never
# changes the weights of the others (no re-index on ingest); the shipped chunks average ~105 terms.
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 100.0

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_STOP_EN = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no
    nor not now of off on once only or other our ours out over own same she should so some such than
    that the their theirs them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours""".split()
)
_STOP_FR = frozenset(
    """à a au aux avec ce ces cet cette dans de des du elle elles en est et être eux il ils je la le
    les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que
    quel quelle quels qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y été
    avoir ont fait peut comme plus quoi sans entre""".split()
)
STOP_WORDS = _STOP_EN | _STOP_FR

# Snowball stemmers are not thread-safe, but the advisor indexes and searches from one thread.
_STEMMERS = (snowballstemmer.stemmer("english"), snowballstemmer.stemmer("french"))


class SparseVector(BaseModel):
    indices: list[int]
    values: list[float]


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The distinct English and French stems of one lower-cased word, accents removed after
    stemming (the French stemmer needs them; users often type without them)."""
    found = {_strip_accents(stemmer.stemWord(word)) for stemmer in _STEMMERS}
    return tuple(sorted(found))


def words(text: str) -> list[str]:
    """Lower-cased words without stop words; single letters go, single digits stay ("level 3")."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def terms(text: str) -> list[str]:
    """The stems a text is indexed and searched by, with repetitions."""
    return [stem for word in words(text) for stem in stems(word)]


def term_index(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def term_weights(found: list[str]) -> dict[int, float]:
    """Frequency of each hashed term, where a word counts once in all: a word whose English and
    French stems differ gives half to each, so it does not outweigh a word with a single stem."""
    weights: dict[int, float] = defaultdict(float)
    for word in found:
        forms = stems(word)
        for stem in forms:
            # keyed by hashed index, not by stem, so indices stay unique even on a CRC collision
            weights[term_index(stem)] += 1.0 / len(forms)
    return weights


def document_vector(text: str) -> SparseVector:
    """BM25 term-frequency weights of a passage (the IDF half is applied by Qdrant)."""
    found = words(text)
    norm = K1 * (1 - B + B * len(found) / AVERAGE_LENGTH)
    return _sparse({i: tf * (K1 + 1) / (tf + norm) for i, tf in term_weights(found).items()})


# Weight of a term that only a synonym brought in: enough to find a passage worded differently,
# not enough to beat one that uses the question's own words.
EXPANSION_WEIGHT = 0.6


def query_vector(text: str) -> SparseVector:
    """Each stem of each distinct query word weighs one (documents already split a word's weight
    between its stems, and repeating a word should not outweigh IDF), plus the methodology's words
    for the everyday ones, at a lower weight."""
    weights = {term_index(t): 1.0 for t in terms(" ".join(dict.fromkeys(words(text))))}
    for word in _expansion_words(text):
        for stem in stems(word):
            weights.setdefault(term_index(stem), EXPANSION_WEIGHT)
    return _sparse(weights)


def _expansion_words(text: str) -> list[str]:
    found = set(words(text))
    # phrase keys ("after-sales", "made up") are looked for in the lower-cased, space-joined text
    padded = f" {' '.join(_WORD.findall(text.lower()))} "
    expansion = [
        word
        for key, meaning in SYNONYMS.items()
        if key in found or (not key.isalnum() and f" {' '.join(_WORD.findall(key))} " in padded)
        for word in words(meaning)
    ]
    return list(dict.fromkeys(expansion))


def _sparse(weights: dict[int, float]) -> SparseVector:
    ordered = sorted(weights.items())
    return SparseVector(indices=[i for i, _ in ordered], values=[v for _, v in ordered])


# Words that only one of the two languages uses (shared ones like "a", "on", "en" left out).
_ONLY_EN = _STOP_EN - _STOP_FR
_ONLY_FR = (_STOP_FR - _STOP_EN) | frozenset("quelles combien faut doit nos notre".split())


def language_of(text: str) -> str | None:
    """ "fr" or "en" when the text's function words clearly say so, None when they do not (a
    three-keyword query): a hint for ranking, never a filter."""
    found = _WORD.findall(text.lower())
    french = sum(w in _ONLY_FR for w in found)
    english = sum(w in _ONLY_EN for w in found)
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return None
