"""Use cases the client already runs, as evidence of the capabilities they rely on.

A running use case of level N proves the defining capabilities of levels 1..N: a RAG assistant in
production cannot exist without the API application around it. Where the profile leaves such a
capability unknown it is read as `pilot` (in use, not yet proven at scale); where the profile states
it, the profile wins and the finding only records the use case as corroboration.
"""

from __future__ import annotations

from knowledge.methodology import use_case
from knowledge.schema import Methodology
from knowledge.vocabulary import Adoption
from tools.assessment import Finding
from tools.matching import in_place
from tools.profile import Profile
from tools.wording import Wording


def with_cases_in_place(profile: Profile, m: Methodology, w: Wording) -> tuple[Profile, list[Finding]]:
    """The profile completed by what its use cases in place prove, and the findings saying so."""
    _ = w.gettext
    found = in_place(profile, m)
    if not found:
        return profile, []
    capabilities = dict(profile.capabilities)
    findings = []
    for case_id, said in found.items():
        case = use_case(m, case_id)
        proven = [spec.defining_capability for spec in m.levels if spec.number <= case.min_level]
        filled = [key for key in proven if key not in capabilities]
        for key in filled:
            capabilities[key] = Adoption.pilot
        facts = {"title": w.case(case_id).title, "level": case.min_level, "proven": w.references(proven)}
        if filled:
            conclusion = _(
                "{title} runs today: evidence of level {level} capabilities ({proven}); {filled} read as pilot"
            ).format(filled=w.references(filled), **facts)
        else:
            conclusion = _("{title} runs today: evidence of level {level} capabilities ({proven})").format(**facts)
        findings.append(
            Finding(
                field="use_cases_in_place",
                value=said,
                conclusion=conclusion,
                source=f'use_cases_in_place: "{said}" -> {case_id}',
            )
        )
    return profile.model_copy(update={"capabilities": capabilities}), findings
