"""Which English texts a translation was made from, so an edit of the English shows as stale.

A translation can have every key and the right list lengths and still be wrong: the English
description of a use case was rewritten after it was translated. `knowledge/data/<lang>/
translated_from.yaml` records a short fingerprint of each entry's English texts at the time of
translation; a test compares it with the current English and names every entry to re-translate.

After translating, record the new state with:  python -m knowledge.i18n_sources stamp fr
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from knowledge.i18n import SECTIONS, SOURCE_LANGUAGE, Language, TranslationError, overlay_dir, parse_language
from knowledge.methodology import load_methodology
from knowledge.schema import Methodology

STAMP_FILE = "translated_from.yaml"
_HEADER = (
    "# Fingerprints of the English texts this translation was made from (see knowledge/i18n_sources.py).\n"
    "# Do not edit by hand: translate what changed, then run  python -m knowledge.i18n_sources stamp {lang}\n"
)


def fingerprints(m: Methodology) -> dict[str, str]:
    """'section/key' -> a short hash of that entry's English texts (only the fields translated)."""
    data = m.model_dump(mode="json")
    result: dict[str, str] = {}
    for section, (texts, key_field) in SECTIONS.items():
        for entry in data[section]:
            english = {name: entry[name] for name in texts.model_fields}
            blob = json.dumps(english, ensure_ascii=False, sort_keys=True).encode("utf-8")
            result[f"{section}/{entry[key_field]}"] = hashlib.sha256(blob).hexdigest()[:12]
    return result


def stale_entries(m: Methodology, recorded: Mapping[str, str]) -> list[str]:
    """Entries whose English changed, appeared or went away since the translation was stamped."""
    current = fingerprints(m)
    changed = [key for key, digest in current.items() if recorded.get(key) != digest]
    gone = [key for key in recorded if key not in current]
    return changed + gone


def recorded_fingerprints(lang: Language, directory: Path | None = None) -> dict[str, str]:
    path = (directory or overlay_dir(lang)) / STAMP_FILE
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise TranslationError(f"{path}: {error}") from error
    if not isinstance(content, dict):
        raise TranslationError(f"{path}: expected a mapping of entry -> fingerprint")
    return {str(key): str(value) for key, value in content.items()}


def stamp(lang: Language, m: Methodology | None = None, directory: Path | None = None) -> Path:
    """Record the current English as the source of the `lang` translation."""
    path = (directory or overlay_dir(lang)) / STAMP_FILE
    body = yaml.safe_dump(fingerprints(m or load_methodology()), sort_keys=False, allow_unicode=True)
    path.write_text(_HEADER.format(lang=lang) + body, encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"stamp", "check"}:
        print("usage: python -m knowledge.i18n_sources {stamp|check} LANG", file=sys.stderr)
        return 2
    try:
        lang = parse_language(argv[1])
        if lang == SOURCE_LANGUAGE:
            raise TranslationError("English is the source data, it has no translation to stamp or check")
        if argv[0] == "stamp":
            print(f"wrote {stamp(lang)}")
            return 0
        stale = stale_entries(load_methodology(), recorded_fingerprints(lang))
    except TranslationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(stale) if stale else f"the {lang} translation is up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
