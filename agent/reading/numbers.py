"""Head counts and amounts, in digits and in words, English and French.

"about 9,000 people", "3,000-person group", "1.200 salariés", "une PME de 80 personnes", "two
hundred staff", "deux cents agents", "a few hundred", "5k", "maybe £200k", "2 M€"."""

from __future__ import annotations

import re

from agent.reading.text import normalise

UNITS = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "few": 3,
    "several": 3,
    "some": 3,
    "quelques": 3,
    "plusieurs": 3,
    "dozen": 12,
    "dozens": 36,
    "douzaine": 12,
    "dizaine": 10,
    "dizaines": 30,
    "centaine": 100,
    "centaines": 300,
}
VAGUE = ("few", "several", "some", "quelques", "plusieurs", "dozens", "dizaines", "centaines")
MULTIPLIERS = {
    "hundred": 100,
    "hundreds": 100,
    "cent": 100,
    "cents": 100,
    "thousand": 1000,
    "thousands": 1000,
    "mille": 1000,
    "milliers": 1000,
    "millier": 1000,
    "k": 1000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "m": 1_000_000,
    "bn": 1e9,
    "billion": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "centaines": 100,
    "dizaines": 10,
}
PEOPLE = (
    "people",
    "person",
    "persons",
    "staff",
    "employees",
    "employee",
    "workers",
    "colleagues",
    "fte",
    "ftes",
    "headcount",
    "heads",
    "strong",
    "personnel",
    "personnes",
    "salaries",
    "salarie",
    "collaborateurs",
    "agents",
    "employes",
    "effectif",
    "effectifs",
    "emplois",
)
NOT_PEOPLE = (
    "hotels",
    "sites",
    "branches",
    "agences",
    "countries",
    "pays",
    "years",
    "ans",
    "annees",
    "beds",
    "lits",
    "stores",
    "shops",
    "magasins",
    "plants",
    "usines",
    "offices",
    "bureaux",
    "clients",
    "customers",
    "members",
    "adherents",
    "communes",
    "%",
    "percent",
    "pour cent",
    "euros",
    "eur",
    "pounds",
    "dollars",
    "gbp",
    "usd",
)
MONEY = re.compile(r"[£$€]|\b(?:eur|euros?|pounds?|dollars?|gbp|usd|k€|m€)\b", re.I)

# A number written in digits: "9,000", "1.200", "12 000", "1.5" (a dot before exactly three digits
# separates thousands, as in French; any other dot is a decimal point).
_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)(?![\d])")


def _digits_value(written: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", written):
        return float(re.sub(r"[ ,.]", "", written))
    try:
        return float(written.replace(",", "."))
    except ValueError:
        return None


def numbers(norm: str) -> list[tuple[float, str]]:
    """Every quantity in a normalised text, with the word that follows it ("9000", "people")."""
    tokens = _tokens(norm)
    found: list[tuple[float, str]] = []
    i = 0
    while i < len(tokens):
        value, used = _quantity(tokens, i)
        if used:
            nxt = tokens[i + used] if i + used < len(tokens) else ""
            if nxt == "de" and i + used + 1 < len(tokens):  # "une PME de 80 personnes" reads on; "2 millions de"
                nxt = tokens[i + used + 1]
            found.append((value, nxt))
            i += used
        else:
            i += 1
    return found


def _tokens(norm: str) -> list[str]:
    # Keep digit groups with their separators ("9,000", "1.200", "12 000"), split "5k" and "3000-person".
    joined = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "_", norm)
    joined = re.sub(r"(\d)(k|m|bn)\b", r"\1 \2", joined)
    return [t.replace("_", " ") for t in joined.split()]


def _quantity(tokens: list[str], i: int) -> tuple[float, int]:
    """The quantity starting at token i and how many tokens it takes; (0, 0) if none."""
    token = tokens[i]
    if _DIGITS.fullmatch(token):
        value = _digits_value(token)
        if value is None:
            return 0, 0
        used = 1
    elif token in VAGUE:  # "a few people" is no head count; "a few hundred" is
        if i + 1 >= len(tokens) or tokens[i + 1] not in MULTIPLIERS:
            return 0, 0
        value, used = float(UNITS[token]), 1
    elif token in UNITS and token not in ("a", "an", "un", "une"):
        value, used = float(UNITS[token]), 1
    elif (
        token in ("a", "an", "un", "une", "some")
        and i + 1 < len(tokens)
        and (
            tokens[i + 1] in MULTIPLIERS
            or tokens[i + 1] in ("dozen", "couple", "centaine", "dizaine")
            or (tokens[i + 1] == "few" and i + 2 < len(tokens) and tokens[i + 2] in MULTIPLIERS)
        )
    ):
        value, used = (1.0 if tokens[i + 1] in MULTIPLIERS else 0.0), 1
        if tokens[i + 1] in ("few", "dozen", "centaine", "dizaine"):
            value, used = float(UNITS[tokens[i + 1]]), 2
        elif tokens[i + 1] == "couple":
            value, used = 2.0, 2
    else:
        return 0, 0
    # compound words: "twenty five", "quatre vingt", "two hundred", "deux mille cinq cents"
    total, current = 0.0, value
    j = i + used
    while j < len(tokens):
        word = tokens[j]
        if word in MULTIPLIERS:
            factor = MULTIPLIERS[word]
            if factor >= 1000:
                total += (current or 1) * factor
                current = 0
            else:
                current = (current or 1) * factor
        elif word in ("vingt", "vingts") and current % 20 == 4:  # quatre-vingts: 4 x 20
            current += 76
        elif (
            word in UNITS
            and word
            not in ("a", "an", "un", "une", "some", "few", "several", "quelques", "plusieurs", "dozen", "dozens")
            and not _DIGITS.fullmatch(word)
        ):
            current += UNITS[word]
        elif word in ("and", "et") and j + 1 < len(tokens) and tokens[j + 1] in UNITS and tokens[i] not in ("a", "an"):
            pass
        else:
            break
        j += 1
    return total + current, j - i


def head_count(text: str, asked_size: bool = False) -> float | None:
    """The number of staff the text gives, or None. A number counts when people words follow it
    ("9,000 people", "a 3,000-person group"); when the question asked for the size, a bare number
    counts too, unless it counts something else ("40 hotels") or is money."""
    norm = normalise(text)
    candidates = numbers(norm)
    for value, after in candidates:
        if after in PEOPLE:
            return value
    if not asked_size or MONEY.search(text):
        return None
    bare = [value for value, after in candidates if after not in NOT_PEOPLE]
    return bare[0] if bare else None


def size_band(count: float) -> str:
    return "micro" if count < 10 else "small" if count < 250 else "medium" if count < 5000 else "large"


def amount(text: str, asked: bool = False) -> float | None:
    """A sum of money in the text ("£200k", "2 M€", "deux millions d'euros"), or None. When the
    question asked for money (`asked`), a number of a thousand or more is one without a currency
    ("a few hundred thousand")."""
    if not MONEY.search(text) and not asked:
        return None
    norm = normalise(text.replace("€", " euros ").replace("£", " pounds ").replace("$", " dollars "))
    for value, after in numbers(norm):
        if value >= 1000 and after not in PEOPLE:  # "9,000 people" is no budget
            return value
    return None
