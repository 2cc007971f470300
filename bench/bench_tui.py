"""The terminal interface: time to first frame and to interactive from process start, and memory
at rest after a full interview.

Each figure is measured in a fresh process, as `advisor` launches: the child imports the command
line (`agent.cli`, as the `advisor` script does), then runs the app headless at 80×24 and reports
when the first frame is drawn (Textual's `Ready`) and when the sessions are listed (the store is
open, the agent's heavy imports done). The clock is `time.monotonic`, shared by the parent and the
child on Linux, started just before the child is spawned. The store is the real one, offline, in a
temporary data directory; the fake store stands in when `agent.session` is missing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

STARTUP = r"""
import time, sys
import advisor  # the composition root, what the `advisor` script imports before the interface
from tui.app import AdvisorApp

class Timed(AdvisorApp):
    def on_ready(self) -> None:
        print("first", time.monotonic(), flush=True)

    def store_ready(self, sessions) -> None:
        super().store_ready(sessions)
        print("interactive", time.monotonic(), flush=True)
        self.call_after_refresh(self.exit)

factory = advisor.real_store_factory()
if sys.argv[1] == "fake":
    sys.path.insert(0, "tests")
    from fake_session import FakeSessionStore
    factory = lambda: FakeSessionStore(samples=True)
Timed(factory).run(headless=True, size=(80, 24))
"""

INTERVIEW = r"""
import asyncio, gc, sys
import advisor
from tui.app import AdvisorApp

async def main() -> None:
    factory = advisor.real_store_factory()
    if sys.argv[1] == "fake":
        sys.path.insert(0, "tests")
        from fake_session import FakeSessionStore
        factory = lambda: FakeSessionStore()
    app = AdvisorApp(factory)
    async with app.run_test(size=(80, 24)) as pilot:
        async def settle():
            await app.workers.wait_for_complete()
            await pilot.pause()
        while app.store is None:
            await pilot.pause(0.05)
        app.create_session("Bench Retail", "Memory")
        await settle()
        for _ in range(80):
            if app.screen.done:
                break
            question = app.screen.query_one("QuestionPanel").question
            if question.kind == "scale":
                text = "4"
            elif question.choices:
                text = question.choices[min(1, len(question.choices) - 1)].value
            else:
                text = "Slow manual work and long answers to customers"
            app.screen.query_one("#prompt").value = text
            await pilot.press("enter")
            await settle()
        assert app.screen.done, "the interview did not finish"
        await pilot.press("ctrl+r")
        await settle()
        await pilot.press("escape")
        await settle()
        gc.collect()
        await asyncio.sleep(0.2)
        rss = next(int(line.split()[1]) for line in open("/proc/self/status")
                   if line.startswith("VmRSS:"))
        print("rss_kb", rss, flush=True)
        await pilot.press("ctrl+q")

asyncio.run(main())
"""


def _store_kind() -> str:
    try:
        import agent.session  # noqa: F401
    except ImportError:
        return "fake"
    return "real"


def _child(code: str, kind: str, data_dir: Path) -> tuple[float, dict[str, float]]:
    env = dict(
        os.environ,
        ADVISOR_DATA_DIR=str(data_dir),
        ADVISOR_OFFLINE="1",
        ADVISOR_CONFIG=str(data_dir / "config.toml"),
        PYTHONPATH=str(ROOT),
    )
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, kind], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"interface benchmark child failed: {done.stderr.strip()[-500:]}")
    marks = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("first", "interactive", "rss_kb"):
            marks[name] = float(value)
    return start, marks


def run() -> list[Figure]:
    kind = _store_kind()
    first, interactive = [], []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _child(STARTUP, kind, data_dir)  # warm the file cache and create the store once
        for _ in range(RUNS):
            start, marks = _child(STARTUP, kind, data_dir)
            first.append(marks["first"] - start)
            interactive.append(marks["interactive"] - start)
        _, marks = _child(INTERVIEW, kind, data_dir)
    store = "real store, offline" if kind == "real" else "fake store"
    return [
        Figure(
            area="interface",
            name=f"time to first frame, median of {RUNS}",
            value=statistics.median(first),
            unit="s",
            target=0.5,
        ),
        Figure(
            area="interface",
            name=f"time to interactive ({store}), median of {RUNS}",
            value=statistics.median(interactive),
            unit="s",
            target=1.5,
        ),
        Figure(area="interface", name=f"time to interactive ({store}), max", value=max(interactive), unit="s"),
        Figure(
            area="interface",
            name=f"memory at rest after a full interview ({store})",
            value=marks["rss_kb"] / 1024,
            unit="MB",
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(f"{figure.name}: {figure.value:.3g} {figure.unit} (target {figure.target})")
