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

from agent.language import language_of
from agent.settings import Settings
from knowledge.i18n import Language, localized_methodology
from knowledge.locales import N_, gettext_for
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
    """Passages of the shipped methodology (levels, capabilities, strategies, functions), in the
    question's language, ranked by the words they share with the query, rarer words counting more."""
    language: Language = "fr" if language_of(query) == "fr" else "en"
    passages, vocabulary, idf, numbers = _methodology_index(language)
    wanted = set(stems(_in_english(query) if language == "en" else query)) - _QUESTION_WORDS
    levels = set(re.findall(r"\b(?:level|levels|niveau|niveaux|and|et|,)\s*([1-5])\b", query.lower()))
    scored = []
    for passage, words, number in zip(passages, vocabulary, numbers, strict=False):
        score = sum(idf[w] for w in wanted & words)
        if number is not None and str(number) in levels:
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
def _methodology_index(
    language: Language = "en",
) -> tuple[list[Passage], list[set[str]], dict[str, float], list[int | None]]:
    """Built whole, then cached (once per language): a failure leaves nothing half-built behind.
    The last list holds the level each passage describes (None: not a level's)."""
    described = _methodology_passages(language)
    passages = [p for p, _ in described]
    vocabulary = [set(stems(p.section + " " + p.text)) for p in passages]
    counts: dict[str, int] = {}
    for words in vocabulary:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    idf = {word: math.log(1 + len(passages) / n) for word, n in counts.items()}
    return passages, vocabulary, idf, [number for _, number in described]


def _methodology_passages(language: Language) -> list[tuple[Passage, int | None]]:
    _ = gettext_for(language, "answers")
    m = localized_methodology(language)
    passages: list[tuple[Passage, int | None]] = []
    for level in m.levels:
        text = _("Level {number}, {name} ({source_name}): {summary} Skills: {skills}. Governance: {governance}.")
        if level.name.lower() == level.source_name.lower():  # in French the paper's name is the name
            text = _("Level {number}, {name}: {summary} Skills: {skills}. Governance: {governance}.")
        section = _("Levels > {number} {name}").format(number=level.number, name=level.name)
        passages.append(
            (
                Passage(
                    text.format(
                        number=level.number,
                        name=level.name,
                        source_name=level.source_name,
                        summary=level.summary,
                        skills=", ".join(level.skills),
                        governance=_("; ").join(level.governance_measures),
                    ),
                    "levels.yaml",
                    section,
                ),
                level.number,
            )
        )
    for cap in m.capabilities:
        text = (
            _("{name} ({key}, level {level}, defines the level): {description}")
            if cap.defining
            else _("{name} (level {level}): {description}")
        )
        passages.append(
            (
                Passage(
                    text.format(
                        name=cap.name, key=cap.key.value.replace("_", " "), level=cap.level, description=cap.description
                    ),
                    "levels.yaml",
                    _("Capabilities > {name}").format(name=cap.name),
                ),
                None,
            )
        )
    for strategy in m.strategies:
        text = _("{title}: {summary} Fits when: {fits_when}. Example: {example}").format(
            title=strategy.title,
            summary=strategy.summary,
            fits_when=_("; ").join(strategy.fits_when),
            example=strategy.example,
        )
        section = _("Strategies > {title}").format(title=strategy.title)
        passages.append((Passage(text, "strategies.yaml", section), None))
    for function in m.functions:
        kind = _("primary function") if function.kind == "primary" else _("support function")
        text = _("{name} ({kind}): {description}").format(
            name=function.name, kind=kind, description=function.description
        )
        section = _("Value chain > {name}").format(name=function.name)
        passages.append((Passage(text, "value_chain.yaml", section), None))
    return passages
