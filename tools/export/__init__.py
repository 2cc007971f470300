"""Exports of an assessment: JSON, Markdown, self-contained HTML and CSV.

Rendering is pure (the same assessment gives the same text, with no clock inside) and writing is a
separate step, so the CLI and the terminal interface share the renderers and only choose a path.
The small naming helpers below are shared by the Markdown and HTML renderers, which show names
(capabilities, functions, levels) where the assessment stores keys.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

from knowledge.methodology import capability, function, level, load_methodology
from knowledge.schema import Methodology
from knowledge.vocabulary import CapabilityKey, FunctionKey, Quadrant
from tools.assessment import Assessment

FORMATS = ("json", "md", "html", "csv")
TOP_USE_CASES = 10  # use cases shown in the Markdown and HTML tables and the matrix; CSV has all
SLUG_MAX = 60

QUADRANT_LABELS = {
    Quadrant.quick_win: "Quick win",
    Quadrant.strategic_bet: "Strategic bet",
    Quadrant.fill_in: "Fill-in",
    Quadrant.deprioritize: "Deprioritise",
}


class ExportExists(FileExistsError):
    """The export's target exists and overwriting it was not asked for."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path}: already exists (use --force to overwrite)")


def render(assessment: Assessment, fmt: str, m: Methodology | None = None) -> str:
    """The assessment as text in `fmt`; `m` (default: the shipped methodology) supplies names."""
    # Imported here because the renderers import the helpers of this module.
    if fmt == "json":
        from tools.export.json_export import render_json
        return render_json(assessment)
    if fmt == "csv":
        from tools.export.csv_export import render_csv
        return render_csv(assessment)
    if fmt == "md":
        from tools.export.markdown import render_markdown
        return render_markdown(assessment, m or load_methodology())
    if fmt == "html":
        from tools.export.html import render_html
        return render_html(assessment, m or load_methodology())
    raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")


def write_export(text: str, path: Path, force: bool = False) -> Path:
    """Write `text` to `path` atomically, readable by the user only (0600).

    A reader never sees half a file: the text goes to a temporary file in the same directory
    (same filesystem, so the final rename is atomic) and is moved into place at the end.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not force and os.path.lexists(path):
        raise ExportExists(path)
    # mkstemp creates the file 0600 whatever the umask: client data stays private.
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temp_name, path)
        else:
            _move_without_overwrite(temp_name, path)
    except BaseException:
        if os.path.lexists(temp_name):
            os.unlink(temp_name)
        raise
    return path


def _move_without_overwrite(temp_name: str, path: Path) -> None:
    # A hard link fails if the target appeared since the check above, so a file written by
    # someone else in the meantime is never clobbered.
    try:
        os.link(temp_name, path)
    except FileExistsError:
        raise ExportExists(path) from None
    except OSError:  # a filesystem without hard links: the earlier check has to do
        os.replace(temp_name, path)
        return
    os.unlink(temp_name)


def default_filename(assessment: Assessment, fmt: str) -> str:
    """`acme-retail-genai-roadmap.md`: a file name safe for any organisation name."""
    slug = slugify(assessment.organization.name or "")
    return f"{slug + '-' if slug else ''}genai-roadmap.{fmt}"


def slugify(text: str) -> str:
    """Lowercase letters and digits joined by dashes; accents dropped, other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c.lower() if c.isalnum() else "-" for c in decomposed if not unicodedata.combining(c))
    words = [w for w in kept.split("-") if w]
    slug = "-".join(words)[:SLUG_MAX]
    return slug.strip("-")


# Names for keys; an unknown key (from a hand-edited assessment) is shown as it is, not an error.

def capability_name(m: Methodology, key: str) -> str:
    try:
        return capability(m, CapabilityKey(key)).name
    except (ValueError, StopIteration):
        return key


def function_name(m: Methodology, key: str) -> str:
    try:
        return function(m, FunctionKey(key)).name
    except (ValueError, StopIteration):
        return key


def level_name(m: Methodology, number: int) -> str:
    return level(m, number).name if 1 <= number <= len(m.levels) else f"level {number}"


def pattern_block_name(m: Methodology, key: str) -> str:
    return next((b.name for b in m.pattern_blocks if b.key == key), key)


def use_case_titles(assessment: Assessment) -> dict[str, str]:
    return {u.id: u.title for u in assessment.use_cases}


def percent(share: float) -> str:
    return f"{share:.0%}"
