"""The interface's pure parts: sanitising, gauges, the matrix and timeline drawings, drafts, the
agent thread and the status line."""

from __future__ import annotations

import asyncio
import threading
from contextlib import aclosing
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from agent.contract import StoreStatus
from fake_data import FIXED_ASSESSMENT
from tools.assessment import Assessment
from tui.agent_thread import AgentThread
from tui.drafts import Drafts
from tui.sanitize import clean, one_line, plain
from tui.widgets.bars import bar, percent
from tui.widgets.matrix import Matrix, mark
from tui.widgets.status_bar import Status
from tui.widgets.timeline import Timeline

ASSESSMENT = Assessment.model_validate(FIXED_ASSESSMENT)


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("plain text", "plain text"),
        ("line one\nline two\ttab", "line one\nline two\ttab"),
        ("crlf\r\nand cr\r", "crlf\nand cr\n"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[2J\x1b[H\x1b[?1049hscreen", "screen"),
        ("title\x1b]0;pwned\x07 after", "title after"),
        ("clip\x1b]52;c;ZXZpbA==\x1b\\ board", "clip board"),
        ("link \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\", "link text"),
        ("dcs\x1bPq#0;2;0;0;0\x1b\\ end", "dcs end"),
        ("8-bit \x9b31mcsi \x9d0;t\x9c osc", "8-bit csi  osc"),
        ("bell\x07 nul\x00 del\x7f bs\x08", "bell nul del bs"),
        ("bidi \u202egnp.exe\u202c", "bidi gnp.exe"),
        ("lone escape at the end \x1b", "lone escape at the end "),
        ("[bold]markup[/bold] stays text", "[bold]markup[/bold] stays text"),
        ("émoji 👍 and 中文", "émoji 👍 and 中文"),
    ],
)
def test_clean_removes_control_sequences_and_keeps_text(raw, shown):
    assert clean(raw) == shown


def test_one_line_and_plain():
    assert one_line("  a\n b\t c  ") == "a b c"
    assert one_line("abcdefghij", 5) == "abcd…"
    assert one_line(None) == ""
    content = plain("[@click=app.quit]x[/]")
    assert content.plain == "[@click=app.quit]x[/]" and not content.spans


def test_gauges():
    assert bar(0.5, 10).plain == "█████░░░░░"
    assert bar(None, 4).plain == "░░░░"
    assert bar(7, 3).plain == "███"
    assert percent(0.467) == "  47%" and percent(1) == " 100%" and percent(None) == "    ?"


def test_status_line_from_store_report_and_modes():
    status = Status()
    assert "starting" in status.render().plain
    status.store = "ready"
    status.absorb(StoreStatus(model="qwen2.5:7b", ollama="ready", guided=False, kb="\x1b[31m12 docs"))
    assert "● qwen2.5:7b ready" in status.render().plain and "KB 12 docs" in status.render().plain
    status.absorb(StoreStatus(ollama="unreachable", guided=True))
    assert "○ qwen2.5:7b unreachable — guided mode" in status.render().plain
    status.absorb(StoreStatus(ollama="not used (offline)"))
    assert "○ offline — guided mode" in status.render().plain


class Canvas(App):
    def __init__(self, widget):
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


async def test_matrix_places_each_use_case_by_feasibility_and_value():
    matrix = Matrix()
    matrix.styles.height = 12
    async with Canvas(matrix).run_test(size=(42, 12)) as pilot:
        matrix.show(ASSESSMENT.use_cases)
        await pilot.pause()
        lines = matrix.render().plain.split("\n")
    assert len(lines) == 12 and all(len(line) <= 42 for line in lines)
    plot = [line[2:] for line in lines[:10]]
    width, height = 40, 10
    for rank, case in enumerate(ASSESSMENT.use_cases, start=1):
        x = min(int(case.feasibility * width), width - 1)
        y = min(int((1 - case.value) * height), height - 1)
        assert plot[y][x] in (mark(rank), "+"), case.id
    assert "Quick wins" in lines[0] and "Deprioritise" in lines[9]


async def test_timeline_draws_one_bar_per_phase_in_month_order():
    timeline = Timeline()
    async with Canvas(timeline).run_test(size=(60, 6)) as pilot:
        timeline.show(ASSESSMENT.roadmap.phases)
        await pilot.pause()
        lines = timeline.render().plain.split("\n")
    phases = ASSESSMENT.roadmap.phases
    assert len(lines) == len(phases) + 1
    starts = [line.index("█") for line in lines[1:]]
    assert starts == sorted(starts) and starts[0] == 19
    assert all(line.endswith(f"L{p.target_level}") for line, p in zip(lines[1:], phases, strict=False))


def test_drafts_survive_a_restart(tmp_path: Path):
    drafts = Drafts(tmp_path)
    drafts.set("s/1", "half an answer")
    drafts.set("s2", "")
    drafts.flush()
    assert Drafts(tmp_path).get("s/1") == "half an answer"
    drafts.set("s/1", "")
    drafts.flush()
    assert Drafts(tmp_path).get("s/1") == "" and not list(tmp_path.iterdir())
    memory = Drafts(None)
    memory.set("a", "kept in memory")
    memory.flush()
    assert memory.get("a") == "kept in memory"


async def test_agent_thread_runs_calls_in_order_on_one_thread_and_closes_streams():
    agent = AgentThread()
    threads, closed = [], []

    def events():
        try:
            for i in range(100):
                threads.append(threading.get_ident())
                yield i
        finally:
            closed.append(threading.get_ident())

    got = []
    async with aclosing(agent.stream(events)) as stream:
        async for item in stream:
            got.append(item)
            if item == 2:
                break
    assert await agent.call(lambda: "after") == "after"  # runs after the close
    assert got == [0, 1, 2]
    assert len(set(threads + closed)) == 1 and closed
    with pytest.raises(ZeroDivisionError):
        await agent.call(lambda: 1 / 0)
    assert agent.stop(1.0)


async def test_agent_thread_stream_cancelled_mid_call():
    agent = AgentThread()
    release = threading.Event()
    closed = threading.Event()

    def slow():
        try:
            yield 1
            release.wait(2)
            yield 2
        finally:
            closed.set()

    async def consume():
        async for _ in agent.stream(slow):
            pass

    task = asyncio.create_task(consume())
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    release.set()
    await agent.call(lambda: None)
    assert closed.is_set()
    agent.stop(1.0)
