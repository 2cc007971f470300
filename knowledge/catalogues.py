"""Keeping the gettext catalogues in step with the code, with Babel: extract the marked strings
of each domain, merge them into its `.po` files, compile the `.mo` files, and list what is
missing. `make translations` runs `python -m knowledge.catalogues` (add domain names to do only those); the tests call `problems()`.

A translator's workflow: `make translations`, fill in the empty `msgstr` of
`knowledge/locale/fr/LC_MESSAGES/<domain>.po` (and clear any "fuzzy" flag once checked), then
`make translations` again to compile.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from knowledge.i18n import LANGUAGES, SOURCE_LANGUAGE, Language
from knowledge.locales import DOMAINS, LOCALE_DIR, ROOT

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "pgettext": ((1, "c"), 2)}
METHODS = {
    ".py": "python",
    ".html": "jinja2.ext:babel_extract",
    ".md": "jinja2.ext:babel_extract",
    ".j2": "jinja2.ext:babel_extract",
    ".txt": "jinja2.ext:babel_extract",
    ".csv": "jinja2.ext:babel_extract",
}
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%\([a-z_]+\)[sd]|%[sd]")
SKIPPED_PARTS = {"__pycache__", "tests", ".venv"}


def _files(domain: str) -> set[Path]:
    return {
        path.resolve()
        for pattern in DOMAINS[domain]
        for path in ROOT.glob(pattern)
        if path.is_file() and path.suffix in METHODS and not SKIPPED_PARTS & set(path.parts)
    }


def sources(domain: str) -> list[Path]:
    """The domain's files: those its patterns match and no earlier domain's do."""
    earlier = list(DOMAINS)[: list(DOMAINS).index(domain)]
    taken: set[Path] = set().union(*(_files(d) for d in earlier))
    return sorted(_files(domain) - taken)


def template(domain: str) -> Catalog:
    """Every string marked in the domain's files, with where it comes from."""
    catalog = Catalog(domain=domain, project="genai-advisor", charset="utf-8")
    for path in sources(domain):
        options = {"extensions": "jinja2.ext.i18n", "trimmed": "true"} if path.suffix != ".py" else {}
        for line, message, comments, context in extract_from_file(
            METHODS[path.suffix], path, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), options=options
        ):
            where = (str(path.relative_to(ROOT)), line)
            catalog.add(message, locations=[where], auto_comments=comments, context=context)
    return catalog


def po_path(domain: str, language: Language) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, language: Language, domain: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, domain=domain, project="genai-advisor", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def update(domain: str, language: Language) -> Catalog:
    """Merge the domain's current strings into its `.po` (new ones empty, gone ones dropped)."""
    path = po_path(domain, language)
    catalog = read_catalog(path, language, domain)
    catalog.update(template(domain), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    # Rewritten only when a message changed, not for a new creation date; locations without line
    # numbers, so editing code above a string does not churn its catalogue.
    if not path.exists() or _without_dates(path.read_bytes()) != _without_dates(out.getvalue()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.getvalue())
    return catalog


def _without_dates(po: bytes) -> list[bytes]:
    return [line for line in po.splitlines() if not line.startswith(b'"POT-Creation-Date')]


def compile_catalog(domain: str, language: Language) -> None:
    path = po_path(domain, language)
    catalog = read_catalog(path, language, domain)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def _translated(message: object) -> list[str]:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
    return [s for s in strings if s]


def _hashable(value: object) -> object:
    """A plural message's forms as a tuple: `.mo` files read them back as lists."""
    return tuple(value) if isinstance(value, list) else value


def problems(domain: str, language: Language) -> list[str]:
    """What keeps the domain's `language` catalogue from covering the code: strings missing
    or untranslated or fuzzy, placeholders that differ, a `.mo` not compiled from the `.po`."""
    path = po_path(domain, language)
    catalog = read_catalog(path, language, domain)
    found: list[str] = []
    for message in template(domain):
        if not message.id:
            continue
        key = message.id if message.context is None else (message.id, message.context)
        entry = catalog.get(message.id, context=message.context)
        where = ", ".join(f"{f}:{n}" for f, n in message.locations[:1])
        if entry is None:
            found.append(f"{domain}: not in {path.name}: {key!r} ({where})")
        elif entry.fuzzy:
            found.append(f"{domain}: fuzzy: {key!r} ({where})")
        elif not _translated(entry) or len(_translated(entry)) < (2 if entry.pluralizable else 1):
            found.append(f"{domain}: no {language} translation: {key!r} ({where})")
        else:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            wanted = sorted(PLACEHOLDER.findall(str(ids[-1])))
            for string in _translated(entry):
                if sorted(PLACEHOLDER.findall(string)) != wanted and "%" not in ids[-1]:
                    found.append(f"{domain}: placeholders differ in {key!r}: {string!r}")
    mo = path.with_suffix(".mo")
    if path.exists():
        if not mo.exists():
            found.append(f"{domain}: {mo.name} missing: run `make translations`")
        else:
            with mo.open("rb") as handle:
                compiled = {(_hashable(m.id), m.context): _hashable(m.string) for m in read_mo(handle) if m.id}
            wanted_mo = {
                (_hashable(m.id), m.context): _hashable(m.string)
                for m in catalog
                if m.id and not m.fuzzy and _translated(m)
            }
            if compiled != wanted_mo:
                found.append(f"{domain}: {mo.name} is not compiled from {path.name}: run `make translations`")
    return found


def main(argv: list[str]) -> int:
    """`python -m knowledge.catalogues [DOMAIN ...]`: every domain, or only those named."""
    unknown = [name for name in argv if name not in DOMAINS]
    if unknown:
        print(f"unknown domain {unknown[0]!r}: choose among {', '.join(DOMAINS)}", file=sys.stderr)
        return 2
    languages = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
    left: list[str] = []
    for domain in argv or DOMAINS:
        for language in languages:
            if not sources(domain):
                continue
            update(domain, language)
            compile_catalog(domain, language)
            left += problems(domain, language)
    for line in left:
        print(line)
    print(f"{len(left)} strings still to translate" if left else "every catalogue is complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
