"""Constraints the client states, read from the contract's existing fields.

The profile has no field for "we forbid public chatbots", and the contract must not grow one
beyond its Additions. A firm says so in two ways the advisor reads: in its own words (a pain point
such as "partners ban ChatGPT for client files"), or by its facts: no public assistant use at all,
regulated data and a low risk appetite.
"""

from __future__ import annotations

import re

from knowledge.i18n import Language
from knowledge.locales import gettext_for
from knowledge.text import fold
from knowledge.vocabulary import Adoption, Appetite, CapabilityKey, label
from tools.profile import Profile

_BAN = re.compile(
    r"\b(ban|bans|banned|forbid|forbids|forbidden|prohibit\w*|not allowed|no longer allowed|"
    r"interdi\w*|proscri\w*|pas le droit)\b"
)
_PUBLIC_AI = re.compile(
    r"\b(chatgpt|gemini|copilot|public (ai|assistant|assistants|chatbot|chatbots|llm)|"
    r"assistants? publics?|ia publique|chatbots? publics?)\b"
)


def public_assistants_barred(profile: Profile, language: Language = "en") -> str | None:
    """Why public AI assistants are off the table for this client (in `language`), or None when
    they are not."""
    _ = gettext_for(language, "methodology")
    for key, function in profile.value_chain.items():
        text = fold(function.pain_points or "")
        if _BAN.search(text) and _PUBLIC_AI.search(text):
            return _('the client says so under {function}: "{said}"').format(
                function=label(key, language), said=function.pain_points
            )
    org = profile.organization
    if (
        profile.capability(CapabilityKey.public_llm_use) == Adoption.none
        and org.regulated
        and org.risk_appetite == Appetite.low
    ):
        return _("no public assistant in use, regulated data and a low risk appetite")
    return None
