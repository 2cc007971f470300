"""The sector a whole sentence describes, weighing every sector word in it.

"A mutual insurer that also covers some health risks" is insurance: the kind of organisation
("insurer") outweighs what it touches ("health"), and words after "also", "some" or "for" weigh
less. "Retail banking" is banking: a sector word right before another one only qualifies it.
The methodology's own names and aliases count, plus the English and French words below."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from agent.reading.text import clauses, negated_in, normalise, pattern
from knowledge.methodology import load_methodology

# What the organisation *is*: these nouns decide the sector (weight 3).
KINDS = {
    "insurance": (
        "insurer",
        "insurers",
        "insurance company",
        "insurance group",
        "mutual insurer",
        "reinsurer",
        "underwriter",
        "insurance",
        "assureur",
        "mutuelle",
        "mutuelles",
        "compagnie d assurance",
        "assurances",
        "bancassureur",
        "prevoyance",
    ),
    "banking": (
        "bank",
        "banks",
        "banking",
        "lender",
        "credit union",
        "building society",
        "asset manager",
        "banque",
        "banques",
        "bancaire",
        "caisse d epargne",
        "credit mutuel",
        "etablissement de credit",
    ),
    "healthcare": (
        "hospital",
        "hospitals",
        "hospital group",
        "clinic",
        "clinics",
        "health system",
        "nhs trust",
        "care homes",
        "care provider",
        "hopital",
        "hopitaux",
        "clinique",
        "cliniques",
        "chu",
        "ehpad",
        "groupe hospitalier",
        "centre hospitalier",
    ),
    "manufacturing": (
        "manufacturer",
        "manufacturing",
        "maker",
        "factory",
        "factories",
        "plant",
        "plants",
        "industriel",
        "industrielle",
        "industriels",
        "fabricant",
        "usine",
        "usines",
        "equipementier",
        "sous traitant industriel",
        "industrie",
        "plasturgie",
        "metallurgie",
        "fonderie",
    ),
    "public_sector": (
        "council",
        "local authority",
        "municipality",
        "city",
        "ministry",
        "public body",
        "collectivite",
        "collectivite territoriale",
        "mairie",
        "commune",
        "departement",
        "conseil departemental",
        "conseil regional",
        "metropole",
        "agglomeration",
        "communaute de communes",
        "administration",
        "service public",
        "etablissement public",
    ),
    "hospitality": (
        "hotel chain",
        "hotel group",
        "hotel",
        "hotels",
        "resorts",
        "hotelier",
        "hotellerie",
        "chaine hoteliere",
        "chaine d hotels",
        "restaurants",
        "restauration",
    ),
    "professional_services": (
        "law firm",
        "lawyers",
        "solicitors",
        "attorneys",
        "legal practice",
        "consultancy",
        "accountancy",
        "audit firm",
        "cabinet d avocats",
        "avocats",
        "cabinet d expertise",
        "cabinet de conseil",
        "expertise comptable",
        "notaires",
        "etude notariale",
    ),
    "retail": (
        "retailer",
        "retail chain",
        "supermarkets",
        "supermarket",
        "stores",
        "distributeur",
        "grande distribution",
        "enseigne",
        "magasins",
        "commerce de detail",
    ),
    "ecommerce": (
        "online shop",
        "online store",
        "webshop",
        "e commerce",
        "marketplace",
        "vente en ligne",
        "site marchand",
    ),
    "logistics": (
        "logistics",
        "carrier",
        "haulier",
        "freight forwarder",
        "airline",
        "transporteur",
        "logisticien",
        "logistique",
        "transport",
    ),
    "energy": ("utility", "energy company", "power company", "energeticien", "fournisseur d energie", "energie"),
    "telecom": ("telecom", "telecoms", "telco", "mobile operator", "operateur telecom", "operateur"),
    "software": (
        "software company",
        "software vendor",
        "saas",
        "it services",
        "editeur de logiciels",
        "editeur",
        "esn",
        "software",
    ),
    "media": (
        "publisher",
        "broadcaster",
        "newspaper",
        "agency",
        "editeur de presse",
        "groupe de presse",
        "media",
        "medias",
    ),
    "education": ("university", "school", "college", "universite", "ecole", "lycee", "enseignement"),
    "real_estate": (
        "developer",
        "builder",
        "construction company",
        "promoteur",
        "immobilier",
        "btp",
        "construction",
        "bailleur social",
    ),
    "agriculture": ("farm", "cooperative", "agrifood", "cooperative agricole", "agroalimentaire", "agricole"),
    "pharma": ("pharmaceutical", "pharma", "biotech", "laboratory", "laboratoire", "laboratoire pharmaceutique"),
}
# What it touches: weight 1 ("health" risks, "property" cover, "finance" team).
TOPICS = {
    "healthcare": ("health", "care", "medical", "patients", "sante", "soins", "medical"),
    "banking": ("finance", "financial", "payments", "loans", "credit", "financier"),
    "real_estate": ("property", "buildings", "real estate"),
    "retail": ("retail", "shops", "consumer goods", "detail"),
    "software": ("it", "digital", "technology", "tech", "numerique"),
    "professional_services": ("legal", "consulting", "audit", "accounting", "juridique", "conseil"),
    "public_sector": ("public", "government", "citizens", "public service", "usagers", "administres"),
    "hospitality": ("travel", "tourism", "guests", "tourisme"),
    "logistics": ("shipping", "freight", "supply chain"),
    "education": ("training", "students", "formation", "etudiants"),
}
DOWNWEIGHT_BEFORE = (
    "also",
    "some",
    "a bit of",
    "as well",
    "including",
    "notably",
    "too",
    "for",
    "to",
    "aussi",
    "egalement",
    "quelques",
    "un peu de",
    "notamment",
    "pour",
    "aupres",
    "du",
    "des",
)


@dataclass(frozen=True)
class SectorReading:
    key: str | None  # the winning sector key, or None
    score: float
    runner_up: float  # the second sector's score: close scores mean the sentence is ambiguous
    mentioned: tuple[str, ...]  # every sector the sentence touches, best first


@cache
def _phrases() -> list[tuple[str, str, float]]:
    """(phrase, sector key, weight), longest phrases first so "retail banking" reads "banking"."""
    m = load_methodology()
    table: dict[tuple[str, str], float] = {}
    for sector in m.sectors:
        for name in (sector.key.replace("_", " "), sector.name, *sector.aliases):
            table[(normalise(name), sector.key)] = 2.0
    for key, words in TOPICS.items():
        for word in words:
            table[(normalise(word), key)] = 1.0
    for key, words in KINDS.items():
        for word in words:
            table[(normalise(word), key)] = 3.0
    # A generic word that is only an alias ("care", "health") must not outweigh a kind noun.
    for word in (
        "health",
        "care",
        "finance",
        "property",
        "building",
        "it",
        "digital",
        "technology",
        "tech",
        "legal",
        "public",
        "retail",
        "shipping",
        "training",
        "transport",
        "power",
        "industry",
    ):
        for key in {k for (w, k) in table if w == word}:
            table[(word, key)] = min(table[(word, key)], 1.0 if word != "retail" else 2.0)
    return sorted(((w, k, v) for (w, k), v in table.items() if w), key=lambda row: -len(row[0]))


def read_sector(raw: str) -> SectorReading:
    scores: dict[str, float] = {}
    for clause in clauses(raw):
        taken = [False] * (len(clause) + 1)
        hits: list[tuple[int, int, str, float]] = []
        for phrase, key, weight in _phrases():
            if phrase not in clause:
                continue
            for match in pattern(phrase).finditer(clause):
                if any(taken[match.start() : match.end()]):
                    continue
                for i in range(match.start(), match.end()):
                    taken[i] = True
                hits.append((match.start(), match.end(), key, weight))
        hits.sort()
        for index, (start, end, key, weight) in enumerate(hits):
            if negated_in(clause, start):
                continue
            before = " " + clause[max(0, start - 25) : start]
            if any(before.endswith(f" {word} ") or f" {word} " in before[-14:] for word in DOWNWEIGHT_BEFORE):
                weight *= 0.5
            following = hits[index + 1] if index + 1 < len(hits) else None
            if following is not None and following[0] - end <= 1 and following[3] >= weight and following[2] != key:
                weight *= 0.4  # a qualifier: "retail banking", "health insurer"
            scores[key] = scores.get(key, 0.0) + weight
    if not scores:
        return SectorReading(None, 0.0, 0.0, ())
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    return SectorReading(ranked[0][0], ranked[0][1], runner, tuple(k for k, _ in ranked))
