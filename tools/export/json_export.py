"""The JSON export: the whole assessment, the contract's shape being a subset of it."""

from __future__ import annotations

import json

from tools.assessment import Assessment


def render_json(assessment: Assessment) -> str:
    # ensure_ascii=False keeps names readable; JSON is UTF-8 by definition, so nothing is lost.
    return json.dumps(assessment.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
