"""The slide deck: about ten editable 16:9 slides a consultant can rework (python-pptx).

Titles sit in the layout's title placeholders and text in plain text boxes and tables, so every
word stays editable in PowerPoint, Keynote or LibreOffice; the charts are pictures (PNG) drawn by
the same code as the report's vector charts.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from tools.assessment import Assessment
from tools.export import charts
from tools.export.labels import capability_name, item_label, level_name, strategy_label, value_label
from tools.export.summary import (
    ExecutiveSummary,
    ReportInfo,
    executive_summary,
    phase_line,
    planned_use_cases,
    strategy_title,
    title_of,
    track_label,
    tracks_of,
    use_case_needs,
    use_case_titles,
)
from tools.export.words import Words

INK, MUTED, WARN = RGBColor(0x1D, 0x24, 0x33), RGBColor(0x5D, 0x67, 0x79), RGBColor(0xB3, 0x26, 0x1E)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY = 5  # the default template's "Title Only" layout


def render_pptx(a: Assessment, w: Words, info: ReportInfo) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    s = executive_summary(a, w, info)
    _summary(deck, s, w)
    _picture(
        deck,
        w._("Where we stand: the maturity staircase"),
        charts.png(charts.staircase(a, w.m, w)),
        [s.level_sentence],
    )
    _gaps(deck, a, w)
    top = planned_use_cases(a)
    if top:
        _picture(deck, w._("Value × feasibility of the top use cases"), charts.png(charts.matrix(top, w)), [])
        _top_use_cases(deck, a, w)
    _strategy(deck, a, s, w)
    if a.roadmap.phases:
        _picture(
            deck,
            w._("Roadmap timeline"),
            charts.png(charts.timeline(a, w)),
            [w.pair(t.name, " → ".join(t.phases)) for t in s.tracks],
        )
        _phases(deck, a, w)
    _governance(deck, a, w)
    _next_steps(deck, s, w)
    props = deck.core_properties
    props.title = w._("GenAI adoption roadmap — {client}", client=s.client)
    props.author = props.last_modified_by = s.prepared_by
    props.language = w.tag
    props.created = props.modified = dt.datetime.combine(info.prepared_on, dt.time())
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _slide(deck: Deck, title: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    assert shape is not None  # the Title Only layout has one
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.9)
    shape.text = title
    paragraph = shape.text_frame.paragraphs[0]
    # A long client name would wrap onto the text below: a smaller title keeps it on one line.
    paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(28 if len(title) <= 48 else 22), True, INK
    return slide


def _text(
    slide: Slide,
    lines: Sequence[str | tuple[str, int, bool, RGBColor]],
    left: int,
    top: int,
    width: int,
    height: int,
    size: int = 14,
    bullets: bool = False,
) -> None:
    """A text box; a line may be (text, size, bold, colour)."""
    frame = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height)).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        text, line_size, bold, colour = line if isinstance(line, tuple) else (line, size, False, INK)
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = ("• " if bullets and not bold else "") + text
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(line_size), bold, colour
        paragraph.space_after = Pt(4)


def _table(
    slide: Slide,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    top: int,
    widths: Sequence[float],
    size: int = 11,
) -> None:
    height = Inches(0.4) * (len(rows) + 1)
    table = slide.shapes.add_table(
        len(rows) + 1, len(header), MARGIN, Emu(top), Emu(WIDTH - 2 * MARGIN), Emu(height)
    ).table
    for column, inches in enumerate(widths):
        table.columns[column].width = Inches(inches)
    for r, row in enumerate([list(header), *rows]):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size, paragraph.font.bold = Pt(size), r == 0


def _summary(deck: Deck, s: ExecutiveSummary, w: Words) -> None:
    slide = _slide(deck, w._("GenAI adoption roadmap — {client}", client=s.client))
    cover = w._("Prepared by {author}", author=s.prepared_by) + f" · {s.prepared_on}"
    cover += f" · {s.engagement}" if s.engagement else ""
    lines: list[str | tuple[str, int, bool, RGBColor]] = [(cover, 12, False, MUTED)]
    lines += [(f"⚠ {x}", 12, True, WARN) for x in s.warnings[:2]]
    lines += [(s.level_sentence, 15, True, INK), (w._("Decisions the board is asked to take"), 13, True, INK)]
    lines += [(f"{i}. {d}", 12, False, INK) for i, d in enumerate(s.decisions, start=1)]
    _text(slide, lines, MARGIN, Inches(1.15), Inches(7.4), Inches(5.9))
    side: list[str | tuple[str, int, bool, RGBColor]] = [(w._("Top use cases"), 13, True, INK)]
    side += [
        (
            w._(
                "{rank}. {title} — value {value}; {needs}",
                rank=u.rank,
                title=u.title,
                value=u.shown_value,
                needs=u.needs,
            ),
            11,
            False,
            INK,
        )
        for u in s.top_use_cases
    ]
    side += [(w._("Strategy: {strategy}", strategy=s.strategy), 13, True, INK)]
    side += [(w.pair(t.name, " → ".join(t.phases)), 11, False, INK) for t in s.tracks]
    _text(slide, side, Inches(8.2), Inches(1.15), Inches(4.6), Inches(5.9))


def _picture(deck: Deck, title: str, image: bytes, caption: list[str]) -> None:
    slide = _slide(deck, title)
    room = Inches(5.2) if caption else Inches(5.9)
    picture = slide.shapes.add_picture(io.BytesIO(image), MARGIN, Inches(1.2), height=room)
    if picture.width > WIDTH - 2 * MARGIN:  # a wide chart is fitted to the width instead
        ratio = (WIDTH - 2 * MARGIN) / picture.width
        picture.width, picture.height = Emu(int(picture.width * ratio)), Emu(int(picture.height * ratio))
    picture.left = Emu(int((WIDTH - picture.width) / 2))
    if caption:
        _text(slide, caption, MARGIN, Inches(6.5), WIDTH - 2 * MARGIN, Inches(0.8), size=12)


def _gaps(deck: Deck, a: Assessment, w: Words) -> None:
    r = a.maturity
    slide = _slide(
        deck,
        w._("Capability gaps to level {level} ({name})", level=r.next_level, name=level_name(w.m, r.next_level))
        if r.next_level
        else w._("Capabilities: the top level is reached"),
    )
    rows = [[item_label(w, g.item, g.name), value_label(w, g.current), value_label(w, g.needed), g.why] for g in r.gaps]
    if rows:
        header = [w._("Capability or measure"), w._("Current"), w._("Needed"), w._("Why")]
        _table(slide, header, rows[:10], Inches(1.3), [3.6, 1.8, 1.8, 5.1])
    else:
        _text(slide, [w._("No gap is recorded against the next level.")], MARGIN, Inches(1.4), Inches(12), Inches(1))
    if r.ahead:
        _text(
            slide,
            [
                w._(
                    "Ahead: {name} ({value}), {note}",
                    name=x.name if w.language == "en" else item_label(w, x.item, x.name),
                    value=value_label(w, x.value).lower(),
                    note=x.note,
                )
                for x in r.ahead[:3]
            ],
            MARGIN,
            Inches(6.0),
            WIDTH - 2 * MARGIN,
            Inches(1.2),
            size=12,
        )


def _top_use_cases(deck: Deck, a: Assessment, w: Words) -> None:
    slide = _slide(deck, w._("Top use cases: value and what they need"))
    rows = [
        [str(i), title_of(w, u), w.score(u.value), w.score(u.feasibility), w.score(u.risk), use_case_needs(u, a, w)]
        for i, u in enumerate(planned_use_cases(a)[:8], start=1)
    ]
    _table(
        slide,
        ["#", w._("Use case"), w._("Value"), w._("Feasibility"), w._("Risk"), w._("What it needs")],
        rows,
        Inches(1.3),
        [0.4, 4.0, 0.9, 1.2, 0.8, 5.0],
        size=10,
    )


def _strategy(deck: Deck, a: Assessment, s: ExecutiveSummary, w: Words) -> None:
    slide = _slide(deck, w._("Strategy: {strategy}", strategy=strategy_title(w, a)))
    lines: list[str | tuple[str, int, bool, RGBColor]] = [
        (a.strategy.rationale, 14, False, INK),
        (w._("Tracks"), 14, True, INK),
    ]
    lines += [w.pair(t.name, " → ".join(t.phases)) for t in s.tracks]
    if a.strategy.watch_out:
        lines += [(w._("Watch out for"), 14, True, INK), *a.strategy.watch_out[:3]]
    _text(slide, lines, MARGIN, Inches(1.3), Inches(7.6), Inches(5.8), bullets=True)
    alternatives = [(w._("Alternatives considered"), 14, True, INK)] + [
        (
            w.pair(
                w.ngettext(
                    "{name} ({count} point)", "{name} ({count} points)", o.score, name=strategy_label(w, o.name)
                ),
                w.semicolon.join(o.reasons) or w._("no rule for it"),
            ),
            11,
            False,
            MUTED,
        )
        for o in a.strategy.alternatives
    ]
    _text(slide, alternatives, Inches(8.4), Inches(1.3), Inches(4.4), Inches(5.8))


def _phases(deck: Deck, a: Assessment, w: Words) -> None:
    slide = _slide(deck, w._("Roadmap phases: what each delivers, KPIs and gates"))
    titles = use_case_titles(w, a)
    rows = []
    for track, phases in tracks_of(a.roadmap.phases).items():
        for p in phases:
            builds = ", ".join(capability_name(w.m, k) for k in p.capabilities) or "—"
            delivers = ", ".join(titles.get(i, i) for i in p.use_cases[:3]) + ("…" if len(p.use_cases) > 3 else "")
            rows.append(
                [
                    phase_line(w, p),
                    track_label(w, track),
                    f"{p.target_level}",
                    delivers or "—",
                    builds,
                    w.semicolon.join(w.texts(p.kpis[:2])) or "—",
                    p.gate or "—",
                ]
            )
    header = [w._("Phase"), w._("Track"), w._("Level"), w._("Use cases"), w._("Builds"), w._("KPIs"), w._("Gate")]
    _table(slide, header, rows[:8], Inches(1.3), [2.3, 1.4, 0.6, 3.0, 1.9, 1.7, 1.4], size=9)


def _governance(deck: Deck, a: Assessment, w: Words) -> None:
    slide = _slide(deck, w._("Risks and governance"))
    lines: list[str | tuple[str, int, bool, RGBColor]] = []
    for p in a.roadmap.phases:
        lines.append((p.name, 13, True, INK))
        lines += w.texts(p.governance[:3]) or [w._("Nothing to add.")]
    blocked = [u for u in a.use_cases if u.blocker][:3]
    if blocked:
        lines.append((w._("Held back"), 13, True, INK))
        lines += [w.pair(title_of(w, u), u.blocker or "") for u in blocked]
    _text(slide, lines, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(5.8), size=11, bullets=True)


def _next_steps(deck: Deck, s: ExecutiveSummary, w: Words) -> None:
    slide = _slide(deck, w._("Next steps"))
    lines: list[str | tuple[str, int, bool, RGBColor]] = [
        (f"{i}. {d}", 16, False, INK) for i, d in enumerate(s.decisions, start=1)
    ]
    lines += [(w._("Prepared by {author}", author=s.prepared_by) + f" · {s.prepared_on}", 11, False, MUTED)]
    _text(slide, lines, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, Inches(5.6))
