"""Cutting documents into chunks: Markdown by heading (with a section path and metadata), plain
text by paragraph, and the use-case catalogue one entry a chunk.

A section's metadata is written in an HTML comment under its heading, invisible when the Markdown
is rendered:  <!-- levels: 3, 4; tags: rag, data; function: service -->
Subsections inherit their parents' tags, levels and function unless they set their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.kb.models import Chunk
from knowledge.schema import Methodology
from knowledge.vocabulary import FunctionKey

# Small enough that one chunk is about one thing, large enough to hold a whole answer.
MAX_WORDS = 260

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_META = re.compile(r"^\s*<!--(.*?)-->\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


class _Meta:
    def __init__(self, tags: list[str], levels: list[int], function: FunctionKey | None) -> None:
        self.tags, self.levels, self.function = tags, levels, function

    def child(self, comment: str) -> _Meta:
        fields = dict(
            (key.strip().lower(), value.strip())
            for key, _, value in (part.partition(":") for part in comment.split(";"))
            if value.strip()
        )
        tags = self.tags + [t.strip() for t in fields.get("tags", "").split(",") if t.strip()]
        levels = [int(n) for n in fields["levels"].split(",")] if "levels" in fields else self.levels
        function = FunctionKey(fields["function"]) if "function" in fields else self.function
        return _Meta(list(dict.fromkeys(tags)), levels, function)


class _Section:
    def __init__(self, depth: int, path: list[str], meta: _Meta) -> None:
        self.depth, self.path, self.meta = depth, path, meta
        self.lines: list[str] = []


def markdown_chunks(text: str, source: str) -> list[Chunk]:
    """One chunk per section body (split further when long), titled by its heading path."""
    root = _Section(0, [], _Meta([], [], None))
    stack = [root]
    sections = [root]
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            depth = len(heading.group(1))
            while stack[-1].depth >= depth:
                stack.pop()
            section = _Section(depth, [*stack[-1].path, heading.group(2).strip()], stack[-1].meta)
            stack.append(section)
            sections.append(section)
            continue
        meta = None if in_fence else _META.match(line)
        if meta and ":" in meta.group(1):
            stack[-1].meta = stack[-1].meta.child(meta.group(1))
            continue
        stack[-1].lines.append(line)

    chunks: list[Chunk] = []
    for section in sections:
        body = "\n".join(section.lines).strip()
        for part in split_long(body):
            chunks.append(
                Chunk(
                    text=part,
                    source=source,
                    section=" > ".join(section.path) or source,
                    tags=section.meta.tags,
                    levels=section.meta.levels,
                    function=section.meta.function,
                )
            )
    return chunks


def text_chunks(text: str, source: str, section: str) -> list[Chunk]:
    """Plain text (or one PDF page) packed by paragraph into chunks; parts numbered when several."""
    parts = split_long(text.strip())
    if len(parts) == 1:
        return [Chunk(text=parts[0], source=source, section=section)]
    return [Chunk(text=part, source=source, section=f"{section} (part {n})") for n, part in enumerate(parts, start=1)]


def split_long(body: str, max_words: int = MAX_WORDS) -> list[str]:
    """Pack paragraphs into parts of at most `max_words`; a longer paragraph is cut by words."""
    if not body:
        return []
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in _paragraphs(body):
        for piece in _cut(paragraph, max_words):
            n = len(piece.split())
            if current and size + n > max_words:
                parts.append("\n\n".join(current))
                current, size = [], 0
            current.append(piece)
            size += n
    if current:
        parts.append("\n\n".join(current))
    return parts


def _paragraphs(body: str) -> Iterable[str]:
    return (p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())


def _cut(paragraph: str, max_words: int) -> list[str]:
    tokens = paragraph.split()
    if len(tokens) <= max_words:
        return [paragraph]
    return [" ".join(tokens[i : i + max_words]) for i in range(0, len(tokens), max_words)]


CATALOGUE_SOURCE = "use_cases.yaml"


def catalogue_chunks(m: Methodology) -> list[Chunk]:
    """Each use case of the catalogue as one chunk, written out as a sentence-like record so both
    the lexical and the dense vectors see its function, level and purpose."""
    functions = {f.key: f.name for f in m.functions}
    levels = {lvl.number: lvl.name for lvl in m.levels}
    blocks = {b.key: b.name for b in m.pattern_blocks}
    chunks = []
    for case in m.use_cases:
        risks = ", ".join(f"{kind.value} ({'low medium high'.split()[sev - 1]})" for kind, sev in case.risks.items())
        lines = [
            f"{case.title}. {case.description}",
            f"Value-chain function: {functions.get(case.function, case.function.value)}.",
            f"Minimum maturity level: {case.min_level} ({levels.get(case.min_level, '')}).",
            f"Architecture blocks used: {', '.join(blocks.get(b, b) for b in case.pattern)}.",
            f"Value drivers: {'; '.join(case.value_drivers)}.",
            f"Objectives: {', '.join(o.value.replace('_', ' ') for o in case.objectives)}.",
            f"KPIs: {'; '.join(case.kpis)}.",
            f"Risks: {risks or 'none noted'}. Effort: {case.effort.value}.",
        ]
        if case.sectors:
            lines.append(f"Best suited to sectors: {', '.join(case.sectors)}.")
        if case.evolves_from:
            lines.append(f"Grows out of the simpler use case '{case.evolves_from}'.")
        if case.keywords:
            lines.append(f"Also known as: {', '.join(case.keywords)}.")
        chunks.append(
            Chunk(
                text="\n".join(lines),
                source=CATALOGUE_SOURCE,
                section=f"Use-case catalogue > {functions.get(case.function, case.function.value)} > {case.title}",
                tags=["use_case", case.id],
                levels=[case.min_level],
                function=case.function,
            )
        )
    return chunks
