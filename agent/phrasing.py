"""Whether a question is worth rewording, and whether a model's rewording can be shown: it keeps
the question's meaning and shows no prompt text. Anything doubtful falls back to the bank's own
words, which are always good enough; the stored field is the asked question's whatever the wording.

When to reword at all (each rewording costs about 2 s of a small model on two cores):
- never once the model proved slow (`agent.model`: a rewording over 2.5 s turns it off for the
  session, one past 6 s is dropped);
- not after a plain answer when phrasing costs time (the last one took over a second): a
  rewording adds to the bank's words only by greeting the client by name on the first question
  or by acknowledging what the respondent just said, and after a pick, a "no" or a number (fewer
  than `ACKNOWLEDGE_WORDS` words) there is nothing to acknowledge, so the bank's question is
  shown as it is and the turn costs no model call (`worth_rewording`). A model that rewords in
  well under a second (a GPU) keeps rewording every question.

Meaning is judged on the question's *distinctive* words (stems that few questions of the bank
share, like "RAG", "fine-tuned" or "budget"): the rewording must keep at least one of them, and
must not bring in a word that distinguishes another question instead (the 0.5B turned the RAG
question into an LLM-API one).
"""

from __future__ import annotations

import math
from functools import cache

from agent.questions import bank
from knowledge.text import stems

# Words of the phrasing prompt that must never reach the respondent.
PROMPT_MARKERS = (
    "question to rewrite",
    "(data)",
    "previous answer",
    "previous question",
    "rules:",
    "what is known about it",
    "client organisation",
    "rewrite",
    "as an ai",
)
GENERIC = frozenset(
    stems(
        "organisation organization company firm business people staff work use used using "
        "today question tell please could would like which what how does through own "
        "next any answer much many kind kinds far there have has should such will new first two year "
        "part ready willing"
    )
)
RARE = 0.6  # an idf above this share of the maximum makes a stem distinctive
ACKNOWLEDGE_WORDS = 4  # a previous answer this long or longer says something a rewording can acknowledge


def worth_rewording(previous: tuple[str, str] | None) -> bool:
    """Whether a rewording can add to the bank's words: on the first question (no previous
    exchange), or after an answer of `ACKNOWLEDGE_WORDS` words or more."""
    return previous is None or len(previous[1].split()) >= ACKNOWLEDGE_WORDS


@cache
def _idf() -> dict[str, float]:
    texts = [q.text for q in bank().values()]
    counts: dict[str, int] = {}
    for text in texts:
        for stem in set(stems(text)):
            counts[stem] = counts.get(stem, 0) + 1
    return {stem: math.log(len(texts) / n) for stem, n in counts.items()}


def distinctive(text: str) -> set[str]:
    idf = _idf()
    top = max(idf.values())
    return {s for s in stems(text) if s not in GENERIC and idf.get(s, top) >= RARE * top}


def leaks_prompt(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in PROMPT_MARKERS)


def keeps_meaning(original: str, rewritten: str) -> bool:
    """The rewording keeps one of the question's distinctive words and adds none of another's."""
    wanted = distinctive(original)
    said = set(stems(rewritten))
    if wanted and not wanted & said:
        return False
    known = _idf()
    added = {s for s in distinctive(rewritten) - set(stems(original)) if s in known}
    return not added


def acceptable(original: str, rewritten: str | None) -> bool:
    return bool(rewritten) and not leaks_prompt(rewritten or "") and keeps_meaning(original, rewritten or "")
