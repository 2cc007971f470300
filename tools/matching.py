"""Matching the client's own words to the catalogue: pain points and the use cases already in place.

A use case is described by its keywords and title. Both sides are read as what their words stand
for (`knowledge.text.concept_stems`): a French word the glossary knows stands for its English
equivalents, so the same need said in French or in English meets the same use cases with the same
score, in any session language and without guessing the text's language.

A word shared by few use cases says more than one shared by many ("clause" names contract review;
"customer" names half the catalogue), so each need of the client's text that meets a use case counts
1 when at most RARE_CASES use cases carry its stem and ½ otherwise. A need said twice ("comptes
rendus", "report and reports") counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from knowledge.schema import Methodology, UseCase
from knowledge.text import concepts, concepts_by_word
from knowledge.vocabulary import FunctionKey
from tools.profile import Profile

RARE_CASES = 3
# A pain point stated under the use case's own function needs one rare word or two common ones;
# stated under another function it needs two words, one of them rare, so a stray word reaches nothing.
SAME_FUNCTION_SCORE = 1.0
OTHER_FUNCTION_SCORE = 1.5
IN_PLACE_SCORE = 1.0  # free text naming a use case in place ("our claims chatbot")

Words = tuple[tuple[str, frozenset[str]], ...]  # each word of a text with its stems


@dataclass(frozen=True)
class PainMatch:
    """A stated pain point that describes a use case."""

    function: FunctionKey  # where the client stated it
    text: str
    score: float
    words: tuple[str, ...]  # the client's words that match, as written


@cache
def _stems_of(keywords: tuple[str, ...], title: str) -> frozenset[str]:
    return concepts(" ".join(keywords)) | concepts(title)


def case_stems(case: UseCase) -> frozenset[str]:
    return _stems_of(tuple(case.keywords), case.title)


@cache
def _frequencies(catalogue: tuple[tuple[tuple[str, ...], str], ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for keywords, title in catalogue:
        for stem in _stems_of(keywords, title):
            counts[stem] = counts.get(stem, 0) + 1
    return counts


def stem_frequencies(m: Methodology) -> dict[str, int]:
    """How many use cases carry each stem (read once per catalogue)."""
    return _frequencies(tuple((tuple(c.keywords), c.title) for c in m.use_cases))


def overlap(text: Words, case: UseCase, frequencies: dict[str, int]) -> tuple[float, tuple[str, ...]]:
    """How strongly a text describes a use case, and the words of the text that do."""
    described = case_stems(case)
    score, matched, met = 0.0, [], set[str]()
    for word, word_stems in text:
        shared = word_stems & described
        if shared and not shared <= met:  # "comptes rendus", "report and reports": one need, said once
            met |= shared
            matched.append(word)
            score += 1.0 if min(frequencies.get(s, 0) for s in shared) <= RARE_CASES else 0.5
    return score, tuple(matched)


def pain_match(
    case: UseCase, pains: dict[FunctionKey, tuple[str, Words]], frequencies: dict[str, int]
) -> PainMatch | None:
    """The stated pain point that best describes the use case, in any function, or None."""
    best: PainMatch | None = None
    for function, (text, words) in pains.items():
        score, matched = overlap(words, case, frequencies)
        own = function == case.function
        if score < (SAME_FUNCTION_SCORE if own else OTHER_FUNCTION_SCORE) or (not own and len(matched) < 2):
            continue
        # Its own function first at equal score: that is where the client felt it.
        if best is None or (score, own) > (best.score, best.function == case.function):
            best = PainMatch(function=function, text=text, score=score, words=matched)
    return best


def pains_of(profile: Profile) -> dict[FunctionKey, tuple[str, Words]]:
    return {
        key: (f.pain_points, tuple(concepts_by_word(f.pain_points)))
        for key, f in profile.value_chain.items()
        if f.pain_points
    }


def in_place(profile: Profile, m: Methodology) -> dict[str, str]:
    """The catalogue use cases the client already runs: id -> the profile's words for it.

    An entry is a catalogue id, or free text matched to the use case it describes best.
    """
    if not profile.use_cases_in_place:
        return {}
    by_id = {c.id: c for c in m.use_cases}
    frequencies = stem_frequencies(m)
    found: dict[str, str] = {}
    for entry in profile.use_cases_in_place:
        key = entry.strip()
        if key in by_id:
            found.setdefault(key, entry)
            continue
        words = tuple(concepts_by_word(entry))
        scored = [(overlap(words, c, frequencies)[0], -i, c.id) for i, c in enumerate(m.use_cases)]
        score, _, best = max(scored, default=(0.0, 0, ""))
        if score >= IN_PLACE_SCORE:
            found.setdefault(best, entry)
    return found
