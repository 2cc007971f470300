"""The seam between the interview and the knowledge base.

The knowledge base is opened only when a question needs answering, and closed right after: the
embedded store allows one process at a time, and an interview should not hold it for an hour.
When it cannot be used (not installed, busy, broken) the answer comes from the methodology data
shipped with the advisor, and the problem is said in one sentence; the interview goes on.

Dense (embedding) search is a bonus: when it fails once, the retriever stops asking for it for
the rest of the session (lexical search still answers), so a broken embedding model costs one
search, never one per question, and never the session its chat model.

Passages from the client's ingested documents are marked `document`: the prompt labels them as
the client's files, data and never methodology or instructions.
"""

from __future__ import annotations

import math
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from agent.settings import Settings
from knowledge.i18n import Language
from knowledge.locales import N_, gettext_for
from knowledge.methodology import load_methodology
from knowledge.text import stems

SLOW_SEARCH = 8.0  # seconds: a search slower than this with dense vectors turns them off for the session


@dataclass(frozen=True)
class Passage:
    text: str
    source: str
    section: str
    score: float = 0.0
    document: bool = False  # from the client's ingested documents, not the methodology
    # "methodology", "shared library" (the firm's documents every session sees) or "client document"
    origin: str = "methodology"

    @property
    def citation(self) -> str:
        return f"{self.source} › {self.section}"


# Why the knowledge base could not be used (marked for translation; said where shown).
NOT_INSTALLED = N_("the knowledge base is not installed; answering from the methodology data")
BUSY = N_("the knowledge base is in use by another advisor process; answering from the methodology data")
NO_DENSE = N_("dense search is off for this session (the embedding failed); answering from the methodology data")
FAILED = N_("the knowledge base failed ({error}); answering from the methodology data")


@dataclass
class Retrieved:
    passages: list[Passage] = field(default_factory=list)
    problem: str | None = None  # why the knowledge base could not be used, if it could not (English)
    error: str = ""  # the error the problem names, if it names one

    def said(self, language: Language) -> str | None:
        """The problem in the user's language."""
        if self.problem is None:
            return None
        return gettext_for(language, "answers")(self.problem).format(error=self.error)


class Retriever(Protocol):
    def search(self, query: str, k: int = 4, client: str | None = None) -> Retrieved:
        """`client`: the session's client, whose own documents may be searched besides the
        methodology (None: the methodology and unscoped documents only)."""
        ...


class KnowledgeBaseRetriever:
    """Searches the project's knowledge base (`agent.kb`), falling back on the methodology data."""

    def __init__(self, settings: Settings, use_ollama: bool = True):
        self.settings = settings
        self.use_ollama = use_ollama

    def search(self, query: str, k: int = 4, client: str | None = None) -> Retrieved:
        """Without `client`, the methodology and the shared library only: never another's files."""
        try:
            from agent.kb import open_knowledge_base
        except ImportError:
            return Retrieved(builtin_passages(query, k), NOT_INSTALLED)
        started = time.monotonic()
        try:
            with open_knowledge_base(self.settings, use_ollama=self.use_ollama) as kb:
                kb.ensure_indexed()
                found = kb.search(query, k=k, client=client)
        except Exception as error:  # KnowledgeBaseBusy, a broken index, a failed embedding...
            first = ""
            if type(error).__name__ == "KnowledgeBaseBusy":
                problem = BUSY
            elif self.use_ollama and type(error).__name__ in ("EmbeddingError", "EmbeddingMismatch"):
                self.use_ollama = False  # lexical search from now on: never re-embed per question
                problem = NO_DENSE
            else:
                first = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
                problem = FAILED
            return Retrieved(builtin_passages(query, k), problem, first)
        if self.use_ollama and time.monotonic() - started > SLOW_SEARCH:
            # The knowledge base swallows embedding failures (it falls back on lexical search), but
            # a failing or re-indexing embedder shows as a slow search: spare the next questions.
            self.use_ollama = False
        passages = [
            Passage(
                text=p.text,
                source=p.source,
                section=p.section,
                score=float(p.score),
                document=p.collection == "documents",
                origin=p.origin,
            )
            for p in found
        ]
        if not passages:
            return Retrieved(builtin_passages(query, k))
        return Retrieved(passages)


class BuiltinRetriever:
    """The methodology data only: for tests, simulations and a missing knowledge base."""

    def search(self, query: str, k: int = 4, client: str | None = None) -> Retrieved:
        return Retrieved(builtin_passages(query, k))


def builtin_passages(query: str, k: int = 4) -> list[Passage]:
    """Passages of the shipped methodology (levels, capabilities, strategies, functions) ranked
    by the words they share with the query, rarer words counting more."""
    passages, vocabulary, idf = _methodology_index()
    wanted = set(stems(_in_english(query))) - _QUESTION_WORDS
    levels = set(re.findall(r"\b(?:level|levels|niveau|niveaux|and|et|,)\s*([1-5])\b", query.lower()))
    scored = []
    for passage, words in zip(passages, vocabulary, strict=False):
        score = sum(idf[w] for w in wanted & words)
        if passage.section.startswith("Levels > ") and passage.section[9:10] in levels:
            score += 3.0  # "level 3" names that level's passage: numbers are not words the index holds
        if score > 0:
            scored.append((score, passage))
    scored.sort(key=lambda pair: -pair[0])
    top = scored[0][0] if scored else 1.0
    return [Passage(p.text, p.source, p.section, round(score / top, 3)) for score, p in scored[:k]]


# French words of a question mapped to the methodology's English ones (the shipped data is English).
_FRENCH = {
    "strategie": "strategy",
    "strategies": "strategy",
    "niveau": "level",
    "niveaux": "levels",
    "recuperation": "retrieval",
    "affinage": "fine-tuning",
    "ajustement": "fine-tuning",
    "donnees": "data",
    "donnee": "data",
    "modele": "model",
    "modeles": "models",
    "entrainer": "train",
    "hybride": "hybrid",
    "incrementale": "incremental",
    "incremental": "incremental",
    "ciblee": "focused",
    "focalisee": "focused",
    "focalise": "focused",
    "approche": "strategy",
    "concretement": "practice",
    "feuille": "roadmap",
    "gouvernance": "governance",
    "filtres": "filters",
    "surveillance": "monitoring",
    "competences": "skills",
    "atteindre": "reach",
    "recommandez": "recommended",
    "recommander": "recommended",
    "cas": "use",
    "usage": "case",
    "vectorisation": "vectorized",
    "propres": "own",
}


def _in_english(query: str) -> str:
    words = unicodedata.normalize("NFKD", query.lower())
    words = "".join(ch for ch in words if not unicodedata.combining(ch))
    return " ".join(_FRENCH.get(w, w) for w in re.findall(r"[\w-]+", words))


_QUESTION_WORDS = frozenset(
    stems(
        "what why how when where which who does mean means explain tell about "
        "need needs should could would pourquoi comment quoi"
    )
)


@cache
def _methodology_index() -> tuple[list[Passage], list[set[str]], dict[str, float]]:
    """Built whole, then cached: a failure leaves nothing half-built behind."""
    passages = _methodology_passages()
    vocabulary = [set(stems(p.section + " " + p.text)) for p in passages]
    counts: dict[str, int] = {}
    for words in vocabulary:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    idf = {word: math.log(1 + len(passages) / n) for word, n in counts.items()}
    return passages, vocabulary, idf


def _methodology_passages() -> list[Passage]:
    m = load_methodology()
    passages = []
    for level in m.levels:
        passages.append(
            Passage(
                f"Level {level.number}, {level.name} ({level.source_name}): {level.summary} "
                f"Skills: {', '.join(level.skills)}. Governance: {'; '.join(level.governance_measures)}.",
                "levels.yaml",
                f"Levels > {level.number} {level.name}",
            )
        )
    for cap in m.capabilities:
        passages.append(
            Passage(
                f"{cap.name} ({cap.key.value.replace('_', ' ')}, level {cap.level}"
                f"{', defines the level' if cap.defining else ''}): {cap.description}",
                "levels.yaml",
                f"Capabilities > {cap.name}",
            )
        )
    for strategy in m.strategies:
        passages.append(
            Passage(
                f"{strategy.title}: {strategy.summary} Fits when: {'; '.join(strategy.fits_when)}. "
                f"Example: {strategy.example}",
                "strategies.yaml",
                f"Strategies > {strategy.title}",
            )
        )
    for function in m.functions:
        passages.append(
            Passage(
                f"{function.name} ({function.kind} activity): {function.description}",
                "value_chain.yaml",
                f"Value chain > {function.name}",
            )
        )
    return passages
