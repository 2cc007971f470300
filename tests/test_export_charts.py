"""The report's charts: what each one shows, and SVG snapshots that pin their drawing.

Snapshots live in tests/__snapshots__/test_export_charts/; after a deliberate change, refresh
them with `pytest tests/test_export_charts.py --snapshot-update` and look at the new files.
"""

from __future__ import annotations

import re

import pytest
from export_cases import hospital, hybrid
from matplotlib.patches import Rectangle
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from knowledge.methodology import load_methodology
from tools.assessment import Assessment
from tools.export import charts


class SVGSnapshot(SingleFileSnapshotExtension):
    _file_extension = "svg"
    _write_mode = WriteMode.TEXT


@pytest.fixture
def svg_snapshot(snapshot):
    return snapshot.use_extension(SVGSnapshot)


@pytest.fixture(scope="module")
def board() -> Assessment:
    return hybrid(hospital())


def texts(svg: str) -> list[str]:
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


def test_svg_is_deterministic_and_keeps_text_as_text(board):
    m = load_methodology()
    first, second = charts.svg(charts.staircase(board, m)), charts.svg(charts.staircase(board, m))
    assert first == second and first.startswith("<svg")
    assert "<metadata>" not in first and "Date" not in first
    assert "Groupe Hospitalier Saint-Roch" in " ".join(texts(first))


def test_staircase_places_the_client_and_marks_capabilities(board):
    m = load_methodology()
    states = charts.capability_states(board, m)
    assert set(states) == {1, 2, 3, 4, 5}
    by_name = {name: state for rows in states.values() for name, state in rows}
    assert by_name["Use of public LLMs"] == "in place"  # recorded in production
    assert by_name["Retrieval augmented generation"] == "started"  # recorded exploring, a gap
    assert by_name["Custom LLMs"] == "not yet"  # above the level, nothing recorded
    shown = " ".join(texts(charts.svg(charts.staircase(board, m))))
    assert f"level {board.maturity.level}" in shown and "✓ Use of public LLMs" in shown and "◐ Retrieval" in shown


def test_matrix_numbers_and_names_every_point(board):
    figure = charts.matrix(board.use_cases)
    (ax,) = figure.axes
    offsets = [tuple(c.get_offsets()[0]) for c in ax.collections]
    assert offsets == [(u.feasibility, u.value) for u in board.use_cases[: charts.MATRIX_POINTS]]
    shown = texts(charts.svg(figure))
    for rank, case in enumerate(board.use_cases[: charts.MATRIX_POINTS], start=1):
        assert str(rank) in shown
        assert any(t.startswith(f"{rank}. {case.title[:20]}") for t in shown), case.title


def test_timeline_draws_the_two_tracks_side_by_side(board):
    figure = charts.timeline(board)
    (ax,) = figure.axes
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 3
    spans = [(b.get_x(), b.get_x() + b.get_width(), b.get_facecolor()) for b in bars]
    quick, foundations = spans[0], spans[2]
    assert quick[0] == foundations[0] == 0  # both tracks start at month 0: in parallel
    assert quick[2] != foundations[2]  # one colour per track
    shown = " ".join(texts(charts.svg(figure)))
    assert "Quick wins" in shown and "Foundations" in shown and "2 tracks in parallel" in shown
    assert "gate" in shown


def test_evidence_shows_recorded_stages_only(board):
    shown = texts(charts.svg(charts.evidence(board, load_methodology())))
    assert "In production" in shown and "not recorded" in shown


@pytest.mark.parametrize("chart", ["staircase", "matrix", "timeline", "evidence"])
def test_chart_snapshots(board, chart, svg_snapshot):
    m = load_methodology()
    figure = {
        "staircase": lambda: charts.staircase(board, m),
        "matrix": lambda: charts.matrix(board.use_cases),
        "timeline": lambda: charts.timeline(board),
        "evidence": lambda: charts.evidence(board, m),
    }[chart]()
    assert charts.svg(figure) == svg_snapshot
