"""Understand an answer without a language model: commands, numbers, choice labels, yes/no and
level words, in English and French.

`understand(question, text)` returns a value ready to store, "unknown" (the respondent does not
know), or "unclear" with a hint for re-asking with choices. `exact` marks answers that leave no
doubt (a choice, a number, a plain yes or no): those never need a model, while a longer free-text
answer is better read by one when one is available.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from agent.questions import KEY_FUNCTIONS, BankQuestion
from knowledge.methodology import load_methodology, sector_key
from knowledge.vocabulary import DataKind

MAX_TEXT = 500  # characters kept of a free-text answer
SHORT = 6  # words: an answer this short is read whole, not searched for keywords
LONG = 12  # words: longer answers are beyond the simple cases; without a model they are re-asked

COMMANDS = ("skip", "back", "assess", "ask", "help", "done")


@dataclass(frozen=True)
class Command:
    name: Literal["skip", "back", "assess", "ask", "help", "done"]
    argument: str = ""


@dataclass(frozen=True)
class Understood:
    status: Literal["value", "unknown", "unclear"]
    value: Any = None
    exact: bool = False
    hint: str | None = None


def parse_command(text: str) -> Command | None:
    """`/skip`, `/back [question]`, `/assess`, `/ask QUESTION`, `/help`, `/done`; None otherwise."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None
    word, _, rest = stripped[1:].partition(" ")
    word = word.lower()
    aliases = {"why": "ask", "explain": "ask", "?": "help", "finish": "done", "stop": "done",
               "undo": "back", "previous": "back", "assessment": "assess", "pass": "skip"}
    word = aliases.get(word, word)
    if word not in COMMANDS:
        return Command("help", stripped)
    return Command(word, rest.strip())  # type: ignore[arg-type]


def looks_like_question(text: str) -> bool:
    stripped = text.strip()
    first = normalise(stripped).split(" ", 1)[0] if stripped else ""
    return stripped.endswith("?") or first in {"why", "pourquoi"}


# --- normalisation -----------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Lowercase, accents removed, punctuation turned into spaces (digits, / and & kept)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("'", " ")
    text = re.sub(r"[^a-z0-9/&.,+ -]", " ", text)
    text = re.sub(r"(?<![0-9])[.,]|[.,](?![0-9])", " ", text)
    return " ".join(text.replace("-", " ").split())


def _has(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", text) is not None


def _negated(text: str, phrase: str) -> bool:
    """Whether every occurrence of `phrase` follows a negation within two words."""
    found = False
    for match in re.finditer(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", text):
        found = True
        before = text[:match.start()].split()[-3:]
        if not any(word in _NEGATIONS for word in before):
            return False
    return found


_NEGATIONS = {"not", "no", "never", "without", "nor", "pas", "non", "aucun", "aucune", "jamais", "sans",
              "isn", "aren", "don", "doesn", "didn", "haven", "hasn", "nothing"}

UNKNOWN = ("don t know", "dont know", "do not know", "no idea", "not sure", "unsure", "unknown", "n/a",
           "no clue", "can t say", "cannot say", "hard to say", "i m not sure", "idk", "skip", "pass",
           "je ne sais pas", "je sais pas", "sais pas", "aucune idee", "pas sur", "inconnu", "ne sait pas")
YES = ("yes", "y", "yeah", "yep", "yup", "sure", "of course", "absolutely", "indeed", "correct", "true",
       "definitely", "certainly", "we do", "it does", "they do", "affirmative", "oui", "ouais", "bien sur",
       "tout a fait", "evidemment", "certes")
NO = ("no", "n", "nope", "nah", "not really", "never", "false", "we don t", "we do not", "it doesn t",
      "not at all", "non", "pas du tout", "jamais", "pas vraiment", "aucunement")

ADOPTION_WORDS = {
    "production": ("in production", "production", "live", "deployed", "rolled out", "everyday", "every day",
                   "daily", "widely used", "widespread", "everyone", "everybody", "all staff", "company wide",
                   "at scale", "routinely", "en production", "generalise", "tous les jours", "quotidien",
                   "tout le monde", "deploye"),
    "pilot": ("pilot", "piloting", "poc", "proof of concept", "trial", "trialling", "trialing", "testing",
              "prototype", "mvp", "beta", "pilote", "preuve de concept", "prototype", "en test"),
    "exploring": ("exploring", "explore", "looking into", "looking at", "considering", "thinking about",
                  "a few people", "some people", "some staff", "individually", "informally", "experimenting",
                  "playing with", "learning", "starting", "on regarde", "exploration", "on explore",
                  "quelques", "certains", "experimente", "on commence"),
    "none": ("none", "not at all", "nothing", "not yet", "nobody", "no one", "pas du tout", "aucun",
             "aucune", "rien", "pas encore", "personne", "no"),
}
GOVERNANCE_WORDS = {
    "advanced": ("advanced", "formal", "formalised", "formalized", "mature", "comprehensive", "strong",
                 "audited", "enforced", "full", "complete", "certified", "avance", "formalise", "complet",
                 "mature"),
    "basic": ("basic", "some", "informal", "partial", "draft", "ad hoc", "a policy", "simple", "light",
              "minimal", "basique", "partiel", "informel", "en cours", "yes", "oui"),
    "none": ("none", "nothing", "no", "not yet", "not at all", "aucun", "aucune", "rien", "pas encore", "non"),
}
APPETITE_WORDS = {
    "low": ("low", "small", "tight", "limited", "minimal", "cautious", "conservative", "averse", "careful",
            "little", "faible", "bas", "basse", "prudent", "prudente", "petit", "limite"),
    "medium": ("medium", "moderate", "average", "balanced", "reasonable", "moyen", "moyenne", "modere",
               "modeste"),
    "high": ("high", "large", "big", "generous", "significant", "substantial", "aggressive", "bold", "lots",
             "eleve", "elevee", "fort", "forte", "important", "importante", "gros"),
}
SCALE_WORDS = (  # most specific phrases first: "not very important" before "very important"
    (1, ("not important", "not at all important", "unimportant", "marginal", "negligible", "irrelevant",
         "pas important", "negligeable", "marginale")),
    (2, ("not very important", "not very", "not that important", "minor", "peu important", "secondaire")),
    (5, ("very important", "critical", "essential", "vital", "crucial", "core", "key", "central",
         "tres important", "essentielle", "critique", "primordial", "cle")),
    (2, ("low", "small", "limited", "peu", "faible")),
    (3, ("moderate", "medium", "average", "somewhat", "some", "moyen", "moyennement", "modere")),
    (4, ("important", "high", "major", "significant", "big", "fort", "elevee", "grande")),
)
SIZE_WORDS = {
    "micro": ("micro", "tiny", "a handful", "freelance", "solo", "tpe"),
    "small": ("small", "sme", "startup", "start up", "petite", "pme"),
    "medium": ("medium", "mid size", "midsize", "mid sized", "moyenne", "eti"),
    "large": ("large", "big", "enterprise", "multinational", "corporation", "grande", "grand groupe", "groupe"),
}
MULTI_ALIASES = {
    # value chain functions
    "inbound_logistics": ("inbound", "receiving", "warehouse", "warehousing", "stock", "logistique amont",
                          "approvisionnement"),
    "operations": ("operations", "production", "manufacturing", "back office", "factory", "fabrication"),
    "outbound_logistics": ("outbound", "delivery", "deliveries", "distribution", "shipping", "shipment",
                           "logistique aval", "livraison"),
    "marketing_sales": ("marketing", "sales", "selling", "commercial", "ventes", "vente"),
    "service": ("service", "customer service", "support", "after sales", "customer care", "sav",
                "service client"),
    "firm_infrastructure": ("infrastructure", "finance", "legal", "compliance", "management", "accounting",
                            "juridique", "direction", "comptabilite"),
    "hr_management": ("hr", "human resources", "human resource", "recruiting", "recruitment", "people",
                      "talent", "rh", "ressources humaines"),
    "technology_development": ("technology", "r&d", "research", "engineering", "software", "it",
                               "development", "product development", "recherche", "developpement"),
    "procurement": ("procurement", "purchasing", "buying", "sourcing", "suppliers", "achats", "achat"),
    # objectives
    "revenue_growth": ("revenue", "growth", "sales growth", "grow", "chiffre d affaires", "croissance"),
    "cost_reduction": ("cost", "costs", "savings", "cheaper", "efficiency", "couts", "cout", "economies"),
    "customer_experience": ("customer experience", "customer satisfaction", "cx", "customers happy",
                            "experience client", "satisfaction client"),
    "employee_productivity": ("productivity", "productive", "employee", "employees", "staff time",
                              "productivite", "salaries"),
    "innovation": ("innovation", "innovate", "new products", "new offers", "innover"),
    "risk_compliance": ("risk", "risks", "compliance", "regulatory", "conformite", "risque", "risques"),
    "time_to_market": ("time to market", "faster launches", "speed", "launch faster", "delai", "rapidite"),
    # data kinds
    "documents": ("documents", "document", "docs", "pdf", "contracts", "manuals", "procedures", "reports",
                  "emails", "knowledge base", "contrats", "rapports"),
    "customer_data": ("customer data", "crm", "customers", "clients", "client data", "donnees clients"),
    "transactions": ("transactions", "orders", "sales data", "invoices", "payments", "commandes",
                     "factures"),
    "product_data": ("product", "products", "catalogue", "catalog", "specifications", "specs", "produits",
                     "produit"),
    "code": ("code", "source code", "repositories", "repos", "git"),
    "images": ("images", "image", "photos", "pictures", "video", "videos", "scans"),
    "sensor_data": ("sensor", "sensors", "iot", "telemetry", "machine data", "capteurs"),
}
ALL = ("all", "all of them", "everything", "every one", "tous", "toutes", "tout")
NONE = ("none", "none of them", "nothing", "no data", "aucun", "aucune", "rien")


# --- the entry point ---------------------------------------------------------------------------

def understand(question: BankQuestion, text: str) -> Understood:
    """Read `text` as an answer to `question`."""
    raw = text.strip()
    norm = normalise(raw)
    if not norm:
        return Understood("unclear", hint="The answer was empty.")
    words = norm.split()
    if len(words) <= SHORT and any(_has(norm, phrase) for phrase in UNKNOWN):
        return Understood("unknown", exact=True)
    if len(words) > LONG and question.kind != "text":
        hint = _unclear_choice(question).hint if question.choices else None
        return Understood("unclear", hint=f"In a few words, please. {hint or ''}".strip())
    reader = {
        "yesno": _yesno,
        "scale": _scale,
        "multi": _multi,
        "text": _text,
    }.get(question.kind, _choice)
    return reader(question, raw, norm)


def _yesno(question: BankQuestion, raw: str, norm: str) -> Understood:
    if norm in YES:
        return Understood("value", True, exact=True)
    if norm in NO:
        return Understood("value", False, exact=True)
    first_clause = re.split(r"[,;:.!]| but | mais ", raw.lower(), maxsplit=1)[0]
    head = normalise(first_clause)
    if head in YES or any(norm.startswith(y + " ") for y in YES if len(y) > 1):
        return Understood("value", True)
    if head in NO or any(norm.startswith(n + " ") for n in NO if len(n) > 1):
        return Understood("value", False)
    return Understood("unclear", hint="Please answer yes or no.")


def _scale(question: BankQuestion, raw: str, norm: str) -> Understood:
    number = re.fullmatch(r"([1-5])(?: ?/ ?5| out of 5| sur 5)?", norm)
    if number:
        return Understood("value", int(number.group(1)), exact=True)
    found = re.search(r"(?<![0-9.,])([1-5])(?: ?/ ?5| out of 5| sur 5)?(?![0-9.,])", norm)
    if found and len(norm.split()) <= SHORT:  # "I'd say 4"; in a long sentence a digit may mean anything
        return Understood("value", int(found.group(1)))
    for value, phrases in SCALE_WORDS:
        for phrase in phrases:
            if _has(norm, phrase):
                return Understood("value", value, exact=norm == phrase)
    return Understood("unclear", hint="Please give a number from 1 (marginal) to 5 (critical).")


def _choice(question: BankQuestion, raw: str, norm: str) -> Understood:
    values = [c.value for c in question.choices]
    for choice in question.choices:  # the value or the label, exactly
        if norm in (normalise(choice.value), normalise(choice.label)) or norm == normalise(choice.label.split(":")[0]):
            return Understood("value", choice.value, exact=True)
    if re.fullmatch(r"\d{1,2}", norm) and 1 <= int(norm) <= len(values) and question.id != "organization.size":
        return Understood("value", values[int(norm) - 1], exact=True)
    if question.id == "organization.sector":
        return _sector(question, raw, norm)
    if question.id == "organization.size":
        return _size(question, norm, values)
    vocabulary = _vocabulary(values)
    if vocabulary is None:
        return _unclear_choice(question)
    if norm in ("yes", "oui", "y") and "exploring" in values:
        return Understood("unclear", hint="How far has it gone: exploring, a pilot, or production?")
    found = _matches(norm, vocabulary)
    if not found:
        if "none" in values and (norm in NO or norm.split()[0] in ("no", "non", "nope")):
            return Understood("value", "none", exact=norm in NO)
        return _unclear_choice(question)
    if "exploring" in values:  # adoption: the most advanced stage mentioned wins
        best = max(found, key=values.index)
        return Understood("value", best, exact=len(norm.split()) <= 3)
    if len(set(found)) == 1:
        return Understood("value", found[0], exact=len(norm.split()) <= 3)
    return _unclear_choice(question)


def _vocabulary(values: list[str]) -> dict[str, tuple[str, ...]] | None:
    for words in (ADOPTION_WORDS, GOVERNANCE_WORDS, APPETITE_WORDS):
        if set(values) == set(words):
            return words
    return None


def _matches(norm: str, vocabulary: dict[str, tuple[str, ...]]) -> list[str]:
    """Values whose words appear in the answer and are not negated ("not in production")."""
    found = []
    words = norm.split()
    for value, phrases in vocabulary.items():
        for phrase in phrases:
            if value == "none" and phrase in ("no", "non") and len(words) > 1:
                continue  # a leading "no" is read by the caller; inside a sentence it is noise
            if _has(norm, phrase) and not (value != "none" and _negated(norm, phrase)):
                found.append(value)
                break
    return found


def _unclear_choice(question: BankQuestion) -> Understood:
    labels = "; ".join(f"{i}. {c.label}" for i, c in enumerate(question.choices, 1))
    return Understood("unclear", hint=f"Please pick one: {labels}.")


def _sector(question: BankQuestion, raw: str, norm: str) -> Understood:
    m = load_methodology()
    key = sector_key(m, raw)
    if key is not None:  # only when a sector's name appears as whole words ("shipbuilding" is no building)
        sector = next(s for s in m.sectors if s.key == key)
        names = [sector.key.replace("_", " "), sector.name, *sector.aliases]
        if not any(_has(norm, normalise(name)) for name in names):
            key = None
    if key is not None:
        return Understood("value", key, exact=len(norm.split()) <= 3)
    if len(norm.split()) <= 5:  # a sector the catalogue does not know is still a sector
        return Understood("value", " ".join(raw.split())[:80])
    return Understood("unclear", hint="Please name the sector in a few words, for example: retail, banking.")


def _size(question: BankQuestion, norm: str, values: list[str]) -> Understood:
    number = re.search(r"(\d[\d ,.]*)\s*(k|thousand|mille|million|m)?(?![a-z])", norm)
    if number:
        written = number.group(1).strip()
        # "1.200" and "1 200" are French for twelve hundred: a dot followed by exactly three
        # digits separates thousands; any other dot is a decimal point ("1.5 thousand").
        digits = re.sub(r"[ ,]|\.(?=\d{3}(?!\d))", "", written)
        try:
            count = float(digits)
        except ValueError:
            count = None
        if count is not None:
            unit = number.group(2)
            count *= {"k": 1e3, "thousand": 1e3, "mille": 1e3, "million": 1e6, "m": 1e6}.get(unit or "", 1)
            if norm == digits and 1 <= count <= len(values) and count.is_integer():  # a choice number
                return Understood("value", values[int(count) - 1], exact=True)
            band = "micro" if count < 10 else "small" if count < 250 else "medium" if count < 5000 else "large"
            return Understood("value", band, exact=True)
    found = _matches(norm, SIZE_WORDS)
    if len(set(found)) == 1:
        return Understood("value", found[0])
    return _unclear_choice(question)


def _multi(question: BankQuestion, raw: str, norm: str) -> Understood:
    values = [c.value for c in question.choices]
    real = [v for v in values if v != DataKind.none.value]
    if norm in ALL:
        return Understood("value", real, exact=True)
    if norm in NONE:
        none = [DataKind.none.value] if DataKind.none.value in values else []
        return Understood("value", none, exact=True)
    numbers = re.fullmatch(r"\d{1,2}(?:\s*(?:,|and|et|&|\s)\s*\d{1,2})*", norm)
    if numbers:
        picked = [int(n) for n in re.findall(r"\d+", norm)]
        if all(1 <= n <= len(values) for n in picked):
            return Understood("value", _dedupe(values[n - 1] for n in picked), exact=True)
    found = []
    for choice in question.choices:
        phrases = (normalise(choice.value), normalise(choice.value.replace("_", " ")),
                   normalise(choice.label.split(" (")[0].split(":")[0]), *MULTI_ALIASES.get(choice.value, ()))
        if any(_has(norm, p) and not _negated(norm, p) for p in phrases if p):
            found.append(choice.value)
    if DataKind.none.value in found and len(found) > 1:
        found.remove(DataKind.none.value)
    if not found:
        return Understood("unclear", hint="Please pick one or more: "
                          + "; ".join(f"{i}. {c.label}" for i, c in enumerate(question.choices, 1)) + ".")
    names = {normalise(c.value) for c in question.choices} | {normalise(c.label) for c in question.choices}
    exact = all(normalise(part) in names for part in re.split(r",|;|\band\b|\bet\b", raw.lower()) if part.strip())
    if question.id == KEY_FUNCTIONS:
        exact = exact or len(norm.split()) <= 8
    return Understood("value", found, exact=exact)


def _text(question: BankQuestion, raw: str, norm: str) -> Understood:
    text = " ".join(raw.split())
    if len(text) < 3:
        return Understood("unclear", hint="A few words are enough, or /skip.")
    if norm in NO or norm in NONE:
        return Understood("unknown", exact=True)
    return Understood("value", text[:MAX_TEXT], exact=True)


def _dedupe(items: Any) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
