"""Is what the model wrote faithful to the methodology and to the computed assessment?

The model explains; the tools decide. A model-written summary or answer is checked for claims it
has no right to make, in English and French:

- **the client's level**: "you are at level 3", "Acme is at level 4", "votre niveau est 3" when
  the tools found another one;
- **the strategy**: recommending a strategy the tools did not choose ("a hybrid approach fits you
  best" against the computed incremental one);
- **the methodology's levels**: a sentence that ties one level to a capability of a higher one
  ("level 3 requires fine-tuning and model pre-training": fine-tuning defines level 4);
- **the client's sector**: describing the client in another sector ("a software company in the
  shipping and HR sectors" for a retailer);
- **the key facts left out**: the advisor's own answer to the question (`agent.report.ground`)
  states a few key facts, each with the words that show it was said ("RAG" for level 3,
  "fine-tuning" for level 4); an answer to "the difference between levels 3 and 4" that names
  neither left out what the question was about, however fluent it reads (`omissions`).

Each check errs on the side of letting a sentence through: a false alarm costs a good answer,
while a miss is caught by the next check or by the deterministic answer shown with the passages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from knowledge.i18n import Language
from knowledge.locales import N_, gettext_for
from knowledge.methodology import load_methodology, sector_key
from tools.assessment import Assessment

STRATEGY_WORDS = {
    "incremental": ("incremental", "incrementale", "incrementally", "evolutive", "progressive approach"),
    "focused": ("focused", "focalise", "focalisee", "cible", "ciblee", "targeted strategy"),
    "hybrid": ("hybrid", "hybride"),
}
RECOMMENDING = (
    "recommend",
    "suggest",
    "should",
    "best",
    "fits",
    "fit you",
    "advise",
    "go for",
    "adopt",
    "choose",
    "opt for",
    "your strategy",
    "the strategy for you",
    "recommand",
    "conseill",
    "devriez",
    "adapte",
    "preconis",
    "votre strategie",
    "ideal",
    "right for",
    # Praise recommends as surely as "we recommend": the 1.5B called the hybrid approach "une
    # excellente option pour Acme Retail" when the tools chose the incremental one.
    "excellent",
    "good option",
    "good choice",
    "great option",
    "great choice",
    "right choice",
    "suits",
    "well suited",
    "appropriate for",
    "bon choix",
    "bonne option",
    "meilleure option",
    "meilleur choix",
    "convient",
    "approprie",
    "judicieu",
)
NEGATIONS = re.compile(
    r"(?<![a-z])(?:not|no|never|rather than|instead of|unlike|without|pas|plutot que|au lieu|"
    r"sans|ni|n'est|ne|n'|later|plus tard)(?![a-z])"
)
# Words that name a capability, and the level the capability belongs to.
CAPABILITY_WORDS = {
    2: ("llm api", "api integration", "input/output filter", "output filter"),
    3: ("rag", "retrieval", "vectori", "vector store", "embedding"),
    4: ("fine-tun", "fine tun", "finetun", "affinage", "ajustement fin"),
    5: (  # "pre-trained models" are what levels 1 to 4 use: only pre-training itself is level 5
        "pre-training",
        "pretraining",
        "pre-train their",
        "pre-train its",
        "pre-train a",
        "pre-entrainement",
        "pre-entrainer",
        "custom llm",
        "own llm",
        "own model",
        "new model",
        "training-grade compute",
        "gpu cluster",
        "train their own",
        "train its own",
        "propres modeles",
    ),
}
SECTOR_WORDS = {  # unambiguous words only: "care" or "it" would flag ordinary sentences
    "retail": ("retail", "retailer", "distribution", "grande distribution"),
    "ecommerce": ("e-commerce", "ecommerce", "online retail", "webshop"),
    "banking": ("bank", "banking", "banque", "bancaire", "fintech"),
    "insurance": ("insurer", "insurance", "assurance", "assureur"),
    "pharma": ("pharma", "pharmaceutical", "biotech", "pharmaceutique"),
    "healthcare": ("healthcare", "hospital", "clinic", "hopital", "sante", "hospitalier"),
    "manufacturing": ("manufacturer", "manufacturing", "industrial", "industriel", "automotive", "aerospace"),
    "energy": ("energy", "utilities", "utility", "energie", "oil and gas"),
    "telecom": ("telecom", "telecommunications", "telco"),
    "logistics": ("logistics", "shipping", "freight", "transport", "logistique"),
    "software": ("software", "saas", "it services", "logiciel", "tech company"),
    "media": ("media", "publishing", "broadcasting", "gaming", "medias"),
    "public_sector": ("public sector", "government", "secteur public", "municipality"),
    "professional_services": ("law firm", "consulting", "consultancy", "accounting", "cabinet d'avocats", "conseil"),
    "education": ("university", "school", "education", "universite", "ecole"),
    "hospitality": ("hotel", "tourism", "travel", "hospitality", "hotellerie", "tourisme"),
    "real_estate": ("real estate", "construction", "immobilier", "btp"),
    "agriculture": ("agriculture", "farming", "agrifood", "agroalimentaire"),
}
CLIENT_WORDS = (
    r"you|you're|your organi[sz]ation|your company|your firm|the organi[sz]ation|the client|"
    r"the company|vous|votre entreprise|votre organisation|l'entreprise|l'organisation"
)
_LEVEL = r"(?:maturity\s+)?(?:level|niveau)\s*(\d)"
_VERB = (
    r"\s+(?:are|is|sit|sits|stand|stands|have reached|has reached|reached|etes|est|se situe|vous situez)"
    r"\s+(?:currently\s+|now\s+|already\s+|actuellement\s+|aujourd'hui\s+)?(?:at|au|a)?\s*(?:the\s+|le\s+)?"
)
_OWN_LEVEL = re.compile(
    r"(?:your|votre|their|its)\s+(?:current\s+|actuel\s+)?(?:maturity\s+)?(?:level|niveau)"
    r"(?:\s+actuel)?\s+(?:is|est|de)\s+(?:de\s+)?(\d)"
)


@cache
def _claims(name: str) -> tuple[re.Pattern[str], ...]:
    """Sentences that state the client's level: "you are at level 3", "Acme is at level 4"."""
    who = CLIENT_WORDS + (f"|{re.escape(name)}" if name else "")
    return re.compile(rf"(?:{who})" + _VERB + _LEVEL), _OWN_LEVEL


_SUMMARY_LEVEL = re.compile(r"\b(?:is|at|reached|reaches|sits|est|au)\s+(?:maturity\s+)?(?:level|niveau)\s+(\d)")
_ANY_LEVEL = re.compile(r"\b(?:level|niveau|levels|niveaux)\s+(\d)")
_DESCRIBED = (  # phrases that describe the client: "a software company", "in the shipping sector",
    # "une entreprise de logistique"; group 1 holds the describing words
    re.compile(
        r"\b(?:an?|une?|the|le|la)\s+((?:[\w'-]+\s+){0,3}?)(?:company|firm|group|business|player|"
        r"entreprise|societe|groupe|acteur)\b"
    ),
    re.compile(
        r"\b(?:in|dans)\s+(?:the\s+|le\s+|les\s+)?((?:[\w'&-]+\s+){0,5}?)(?:sectors?|secteurs?|industry|industries)\b"
    ),
    re.compile(
        r"\b(?:company|firm|group|business|entreprise|societe|groupe)\s+(?:de|d'|du|des|in|of)\s*((?:[\w'-]+\s*){1,3})"
    ),
)


# The words that show an answer said what defines each level (normalised: lower case, no accents).
LEVEL_TERMS = {
    1: ("public assistant", "public llm", "prompt", "chatgpt", "assistants publics", "llm publics"),
    2: ("api", "own applications", "applications on", "propres applications", "applications sur"),
    3: ("rag", "retriev", "recherch", "augmented generation", "generation augmentee"),  # RAG defines it
    4: ("fine-tun", "fine tun", "finetun", "affinage", "affine"),
    5: (
        "custom",
        "own model",
        "own language model",
        "sur mesure",
        "propres modeles",
        "pre-training",
        "pre-entrainement",
    ),
}
# Level names small models invent (the method's are exploratory, beginner, context integration,
# advanced, expert), said of a level or beside one of the method's names.
INVENTED_LEVELS = ("intermediate", "intermediaire", "novice", "proficient")
_LEVEL_WORD = re.compile(
    r"(?<![a-z])(?:level|niveau|beginner|debutant|advanced|avance|expert|exploratory|exploratoire)"
)
# What the strategies are called in a problem said to the user.
STRATEGY_NAMES = {"incremental": N_("incremental"), "focused": N_("focused"), "hybrid": N_("hybrid")}


@dataclass(frozen=True)
class Problem:
    """What is wrong with a text: `message` (marked for translation) filled with `params`."""

    kind: str  # level, strategy, methodology, sector, omission
    message: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def detail(self) -> str:
        """In English (logs, tests, the bench)."""
        return self.message.format(**dict(self.params))

    def said(self, language: Language) -> str:
        """In the user's language (strategy names included)."""
        _ = gettext_for(language, "answers")
        params = {k: _(STRATEGY_NAMES[v]) if k.startswith("strategy") else v for k, v in self.params}
        return _(self.message).format(**params)


@dataclass(frozen=True)
class KeyFact:
    """A fact a right answer states: its sentence in the answer's language, and groups of words
    (normalised) of which an answer must say one each to have said it."""

    text: str
    groups: tuple[tuple[str, ...], ...]
    about: str  # what it is about, in the answer's language ("level 4", "the hybrid approach")
    essential: bool = True  # what the question asks (an answer must say it), not context around it


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;:])\s+|\n+", text) if s.strip()]


def has(text: str, word: str) -> bool:
    """Whether normalised `text` has `word` at the start of one of its words."""
    return _has(text, word)


def _has(text: str, word: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}", text) is not None


# A negation right after the word: "hybrid is not recommended", "l'approche hybride n'est pas".
NEGATED_AFTER = re.compile(
    r"^[\w' -]{0,40}?(?<![a-z])(?:is not|isn't|are not|aren't|would not|wouldn't|does not|doesn't|"
    r"n'est pas|ne convient pas|n'est pas recommandee)(?![a-z])"
)


def _negated_before(sentence: str, word: str) -> bool:
    """Whether `word` is negated: by a negation in its clause before it, or at least in the 60
    characters before it ("it has not yet fully adopted advanced techniques like RAG"), or right
    after it ("hybrid is not recommended")."""
    at = sentence.find(word)
    if at < 0:
        return False
    clause = max(sentence.rfind(",", 0, at), sentence.rfind(";", 0, at)) + 1  # 0: the sentence's start
    begin = max(0, min(at - 60, max(clause, at - 150)))  # 60 characters, or the clause up to 150
    return (
        NEGATIONS.search(sentence[begin:at]) is not None or NEGATED_AFTER.search(sentence[at + len(word) :]) is not None
    )


def problems(text: str, a: Assessment, *, summary: bool = False) -> list[Problem]:
    """What `text` claims against the tools' conclusions or the methodology (empty: faithful).
    `summary`: the text is about the client throughout (a report summary), so any level it
    states and any other strategy it names count as claims."""
    found: list[Problem] = []
    level, strategy = a.maturity.level, a.strategy.name.value
    for raw in sentences(text):
        s = normalise(raw)
        claims = [int(n) for pattern in _claims(normalise(a.organization.name or "")) for n in pattern.findall(s)]
        if summary:
            claims += [int(n) for n in _SUMMARY_LEVEL.findall(s)]
        found += [
            Problem(
                "level",
                N_("claims level {said}, the assessment found {level}"),
                (("said", str(n)), ("level", str(level))),
            )
            for n in claims
            if n != level
        ]
        for name, words in STRATEGY_WORDS.items():
            if name == strategy:
                continue
            for word in words:
                if _has(s, word) and not _negated_before(s, word) and (summary or any(r in s for r in RECOMMENDING)):
                    found.append(
                        Problem(
                            "strategy",
                            N_("recommends the {strategy_said} approach, the assessment chose the {strategy} one"),
                            (("strategy_said", name), ("strategy", strategy)),
                        )
                    )
                    break
        found += _methodology_problems(s)
        found += _sector_problems(s, a.organization.sector)
    return found


def _methodology_problems(s: str) -> list[Problem]:
    invented = [w for w in INVENTED_LEVELS if _has(s, w) and _LEVEL_WORD.search(s)]
    if invented:  # "from Beginner to Intermediate": the method's levels are the five it names
        return [Problem("methodology", N_("names a level the method does not have ({word})"), (("word", invented[0]),))]
    levels = set(_ANY_LEVEL.findall(s))
    if len(levels) != 1:
        return []  # a sentence comparing levels ("fine-tuning comes at level 4, after RAG at 3") is left alone
    stated = int(next(iter(levels)))
    out = []
    for own, words in CAPABILITY_WORDS.items():
        if own <= stated:
            continue  # levels are staged: a level builds on every capability below it
        for word in words:
            if _has(s, word) and not _negated_before(s, word):
                out.append(
                    Problem(
                        "methodology",
                        N_("ties level {stated} to {word} (level {own})"),
                        (("stated", str(stated)), ("word", word.strip("-")), ("own", str(own))),
                    )
                )
                break
    return out


def _sector_problems(s: str, named: str | None) -> list[Problem]:
    sector = sector_key(load_methodology(), named) if named else None
    if not sector:
        return []  # an unknown or free-text sector: nothing to hold the text against
    out = []
    for match in (m for pattern in _DESCRIBED for m in pattern.finditer(s)):
        phrase = " " + (match.group(1) or "")
        if any(_has(phrase, w) for w in SECTOR_WORDS.get(sector, ())):
            continue  # the client's own sector, qualified ("a retail banking group" for a bank)
        for key, words in SECTOR_WORDS.items():
            if key != sector and key not in _close_sectors(sector) and any(_has(phrase, w) for w in words):
                out.append(
                    Problem(
                        "sector",
                        N_("describes the client in {said}, the profile says {sector}"),
                        (("said", key.replace("_", " ")), ("sector", sector.replace("_", " "))),
                    )
                )
    return list(dict.fromkeys(out))


@cache
def _close_sectors(sector: str) -> frozenset[str]:
    """Sectors a faithful text may name for this one (an online retailer is in retail too)."""
    pairs = {frozenset({"retail", "ecommerce"}), frozenset({"pharma", "healthcare"})}
    known = {s.key for s in load_methodology().sectors}
    return frozenset(other for pair in pairs if sector in pair for other in pair if other != sector and other in known)


def says(text: str, fact: KeyFact) -> bool:
    """Whether `text` says `fact`: one word of each of its groups."""
    said = normalise(text)
    return all(any(_has(said, normalise(word)) for word in group) for group in fact.groups)


def omissions(text: str, facts: list[KeyFact]) -> list[Problem]:
    """The essential key facts `text` leaves out (empty: it says them all)."""
    return [
        Problem("omission", N_("leaves out {about}"), (("about", f.about),))
        for f in facts
        if f.essential and not says(text, f)
    ]


def faithful(text: str, a: Assessment, *, summary: bool = False) -> bool:
    return not problems(text, a, summary=summary)
