"""Words as the methodology compares them: sector names and pain points against the catalogue.

Clients write in English or French, with or without accents, in the singular or the plural. Each
word is lower-cased, stemmed with both the English and the French Snowball stemmers (no language
detection: it is unreliable on a five-word answer) and folded to plain letters, so "hôpitaux",
"hopital" and "hospitals" meet their own kind, and "contrats" meets "contracts" through the small
glossary below. Pain-point matching reads a word the glossary knows as its English equivalents only
(`concept_stems`), so a French need weighs exactly what the same need said in English weighs.
Kept free of the knowledge base (and its Qdrant client) so `advisor assess` stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Words that say nothing about a need or a sector; without them "the" would match everything.
STOP_WORDS = frozenset(
    """
a about also an and any are as at be been but by can cannot do does for from had has have how in
into is it its lot lots many more most much no not of on or our out over so some such than that
the their them they this those to too under use used using very was we were what when which who
with within without would you your slow slowly takes take taking time hand hands day days week
weeks month months every same spend spends spent hour hours one two three four five
get gets make makes need needs work works done still often always never all each people staff team
write writes writing written wrote draft drafts drafting
à au aux avec ce ces cette dans de des du elle en est et être il ils la le les leur leurs mais
nos notre nous ou où par pas pour qu que qui sa se ses son sont sur un une vos votre trop très
prennent prend semaines semaine jours jour mois main chaque même heures heure deux trois passent passe
faire fait font tous toutes tout toujours souvent encore rédiger rédigé rédigés rédigée rédigées écrire écrit écrits
vous beaucoup temps
""".split()
)

# Everyday French business words -> the English words the catalogue's keywords use. Only words whose
# stems do not already meet across languages; the catalogue may also carry French keywords itself.
GLOSSARY: dict[str, str] = {
    "contrat": "contract",
    "contrats": "contracts",
    "clause": "clause",
    "clauses": "clauses",
    "sinistre": "claim",
    "sinistres": "claims",
    "réclamation": "complaint",
    "réclamations": "complaints",
    "facture": "invoice",
    "factures": "invoices",
    "devis": "quote quotes",
    "fournisseur": "supplier",
    "fournisseurs": "suppliers",
    "appel": "call",
    "offres": "offers",
    "achats": "purchasing",
    "courrier": "letter mail",
    "courriers": "letters mail",
    "compte": "report summary",
    "comptes": "report summary",
    "rendu": "report summary",
    "rendus": "report summary",
    "rapport": "report",
    "rapports": "reports",
    "dossier": "file record",
    "dossiers": "files records",
    "patient": "patient",
    "patients": "patients",
    "médecin": "doctor",
    "médecins": "doctors",
    "soignant": "nurse",
    "soignants": "nurses",
    "recrutement": "recruiting hiring",
    "candidats": "candidates",
    "formation": "training",
    "maintenance": "maintenance",
    "panne": "breakdown failure",
    "pannes": "breakdowns failures",
    "qualité": "quality",
    "conformité": "compliance",
    "non": "non",
    "conformités": "nonconformance deviations",
    "manuel": "manual",
    "manuels": "manuals",
    "cahier": "specification",
    "cahiers": "specifications",
    "charges": "requirements",
    "constructeur": "customer oem",
    "constructeurs": "customers oem",
    "client": "customer",
    "clients": "customers",
    "question": "question",
    "questions": "questions",
    "réponse": "answer reply",
    "réponses": "answers replies",
    "appels": "calls",
    "standard": "switchboard",
    "produit": "product",
    "produits": "products",
    "fiche": "sheet description",
    "fiches": "sheets descriptions",
    "commande": "order",
    "commandes": "orders",
    "livraison": "delivery",
    "livraisons": "deliveries",
    "stock": "inventory stock",
    "entrepôt": "warehouse",
    "juridique": "legal",
    "avocat": "lawyer",
    "avocats": "lawyers",
    "veille": "monitoring watch",
    "réglementaire": "regulatory",
    "procédure": "procedure",
    "procédures": "procedures",
    "consignes": "instructions",
    "sécurité": "safety security",
    "incident": "incident",
    "incidents": "incidents",
    "code": "code",
    "logiciel": "software",
    "tests": "tests",
    "étudiants": "students",
    "cours": "course courses",
    "inscription": "enrolment",
    "avis": "reviews",
    "chambres": "rooms",
    "annonces": "ads listings postings",
    "offre": "offer",
    "emploi": "job",
    "paie": "payroll",
    "note": "note",
    "notes": "notes",
    "synthèse": "summary",
    "résumé": "summary",
    "traduction": "translation",
    # The paired interviews' words (tests/data/respondents/paired): each as its English counterpart says it.
    "sortie": "discharge",
    "médical": "medical",
    "médicale": "medical",
    "médicaux": "medical",
    "médicales": "medical",
    "débordé": "swamped overwhelmed",
    "débordés": "swamped overwhelmed",  # "rendez-vous" stays French: dock slots, meetings and consultations
    "saturé": "saturated overwhelmed",
    "candidature": "application",
    "candidatures": "applications",
    "trier": "screening sorting",
    "réglage": "setting",
    "réglages": "settings",
    "retrouver": "finding",
    "trouver": "finding",
    "ancien": "old",
    "anciens": "old",
    "plan": "drawing plan",
    "plans": "drawings plans",
    "nomenclature": "bill materials",
    "nomenclatures": "bills materials",
    "associé": "partner",
    "associés": "partners",
    "collaborateur": "associate",
    "collaborateurs": "associates",
    "relire": "reviewing",
    "relecture": "review",
    "lettre": "letter",
    "lettres": "letters",
    "présentation": "presentation pitch",
    "saisie": "entry capture",
    "saisies": "entries capture",
    "libellé": "narrative",
    "libellés": "narratives",
    "facturation": "billing",
    "fin": "end",
}

_STEMMERS = (snowballstemmer.stemmer("english"), snowballstemmer.stemmer("french"))


def fold(text: str) -> str:
    """Lower case without accents: "Hôpital" -> "hopital"."""
    if text.isascii():  # most words: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def word_stems(word: str) -> frozenset[str]:
    """The English and French stems of one lower-cased word, folded after stemming (the French
    stemmer needs the accents; users often leave them out). A word under five letters is kept whole:
    stemmed, "care" and "car" would meet."""
    if len(word) < 5:
        return frozenset({fold(word)})
    return frozenset(fold(stemmer.stemWord(word)) for stemmer in _STEMMERS)


def words(text: str | None) -> list[str]:
    """The meaningful lower-cased words of a text, in order (two letters or more, no stop words)."""
    if not text:
        return []
    found = _WORD.findall(text.lower().replace("'", " ").replace("’", " "))
    return [w for w in found if len(w) >= 2 and w not in STOP_WORDS and fold(w) not in STOP_WORDS]


def word_sequence(text: str | None) -> list[tuple[str, frozenset[str]]]:
    """Each meaningful word folded, with its stems, in order."""
    return [(fold(w), word_stems(w)) for w in words(text)]


def glossed_stems(word: str) -> frozenset[str]:
    """The stems of one word, with those of its English equivalents when the glossary knows it."""
    found = set(word_stems(word))
    english = GLOSSARY.get(word) or GLOSSARY.get(fold(word))
    for e in (english or "").split():
        found |= word_stems(e)
    return frozenset(found)


@cache
def _folded_glossary() -> dict[str, str]:
    return {fold(french): english for french, english in GLOSSARY.items()}


def english_for(word: str) -> str | None:
    """The English words the glossary gives for a French word, singular or plural, with or without
    accents, or None. (Not by stem: the French stemmer makes "rend" of "rendez-vous" and "rendement".)"""
    folded = fold(word)
    for form in (folded, folded[:-1] if len(folded) > 4 and folded[-1] in "sx" else folded):
        if form in _folded_glossary():
            return _folded_glossary()[form]
    return None


@cache
def concept_stems(word: str) -> frozenset[str]:
    """What one word stands for when a pain point is matched to the catalogue, in either language:
    a French word the glossary knows stands for its English equivalents ONLY, so "rapports" weighs
    what "reports" weighs (its own French stem is rarer in the catalogue and would count more);
    any other word stands for its own stems (cognates such as "maintenance" meet by themselves)."""
    english = english_for(word)
    if not english:
        return word_stems(word)
    return frozenset().union(*(word_stems(e) for e in english.split()))


def concepts_by_word(text: str | None) -> list[tuple[str, frozenset[str]]]:
    """Each meaningful word of a text with what it stands for (`concept_stems`), in order."""
    return [(w, concept_stems(w)) for w in words(text)]


def concepts(text: str | None) -> frozenset[str]:
    """Everything a text stands for, French words read through the glossary."""
    return frozenset().union(*(c for _, c in concepts_by_word(text)))


def stems_by_word(text: str | None) -> list[tuple[str, frozenset[str]]]:
    """Each meaningful word of a text with its stems (glossary included), in order."""
    return [(w, glossed_stems(w)) for w in words(text)]


def stems(text: str | None) -> frozenset[str]:
    """Every stem of a text, French words also read through the glossary."""
    found: set[str] = set()
    for _, word in stems_by_word(text):
        found |= word
    return frozenset(found)


def phrase_at(sequence: list[frozenset[str]], phrase: list[frozenset[str]]) -> int | None:
    """Where `phrase` (a stem sequence) first occurs in `sequence`, word for word; None if absent."""
    if not phrase or len(phrase) > len(sequence):
        return None
    for start in range(len(sequence) - len(phrase) + 1):
        if all(sequence[start + i] & phrase[i] for i in range(len(phrase))):
            return start
    return None


# Where a sector phrase stops describing the organisation itself: "an insurer THAT also covers health".
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?:that|which|who|whose|with|but|serving|for|qui|dont|avec|mais|pour)\b", re.IGNORECASE
)


def first_clause(text: str) -> str:
    """The part of a free-text answer that names the organisation, before any qualifying clause."""
    head = _CLAUSE_BREAK.split(text, maxsplit=1)[0]
    return head if head.strip() else text
