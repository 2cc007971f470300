"""Every marked string has its French, the compiled catalogues match their sources, and the
locale decides the default language."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.catalogues import problems, sources
from knowledge.locales import DOMAINS, default_language, format_date, format_number, format_percent


@pytest.mark.parametrize("domain", list(DOMAINS))
def test_every_marked_string_has_its_french(domain: str) -> None:
    assert problems(domain, "fr") == []


def test_every_source_file_belongs_to_one_domain() -> None:
    seen: dict[object, str] = {}
    for domain in DOMAINS:
        for path in sources(domain):
            assert path not in seen, f"{path} in {seen.get(path)} and {domain}"
            seen[path] = domain
    assert any(p.name == "cli.py" for p in sources("cli"))
    assert not any(p.name == "cli.py" for p in sources("interview"))


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_default_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert default_language(environ) == expected


def test_dates_and_numbers_follow_the_language() -> None:
    assert format_date(date(2026, 12, 1), "fr") == "1 décembre 2026"
    assert format_date(date(2026, 12, 1), "en") == "1 December 2026"
    assert format_number(1234.5, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_percent(0.25, "fr").replace("\u202f", " ").replace("\xa0", " ") == "25 %"
