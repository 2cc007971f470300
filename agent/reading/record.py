"""Writing the other fields an answer gives into the profile, never over what is known."""

from __future__ import annotations

from typing import Any

from tools.profile import Evidence, Profile


def unknown_fields(profile: Profile, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields (organisation paths) that the profile does not know yet."""
    data = profile.model_dump(mode="json", exclude_none=True)
    fresh = {}
    for path, value in fields.items():
        section, _, key = path.partition(".")
        if section == "organization" and key and data.get(section, {}).get(key) in (None, "", []):
            fresh[path] = value
    return fresh


def apply_fields(profile: Profile, fields: dict[str, Any], evidence: Evidence) -> Profile:
    """A new profile with `fields` (organisation paths -> values) written, each with its evidence.
    Raises pydantic's ValidationError when a value does not fit the contract."""
    data = profile.model_dump(mode="json", exclude_none=True)
    for path, value in fields.items():
        section, _, key = path.partition(".")
        data.setdefault(section, {})[key] = value
        data.setdefault("evidence", {})[path] = evidence.model_dump()
    return Profile.model_validate(data)
