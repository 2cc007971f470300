"""The one-line status bar at the top of every screen: model and Ollama, knowledge base, session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from tui.sanitize import one_line
from tui.words import N_, words

if TYPE_CHECKING:
    from agent.contract import StoreState, StoreStatus

# The states the stores report for Ollama, as the status bar says them; others are shown as given.
OLLAMA_STATES = {
    "ready": N_("ready"),
    "offline": N_("offline"),
    "unreachable": N_("unreachable"),
    "unavailable": N_("unavailable"),
    "model missing": N_("model missing"),
}


@dataclass
class Status:
    """What the status bar shows; the app owns one and fills it from the store and the events."""

    store: StoreState = "loading"
    model: str | None = None
    ollama: str | None = None  # e.g. ready | offline | unreachable | model missing
    guided: bool | None = None
    reason: str | None = None
    kb: str | None = None
    session: str | None = None
    language: str = "en"

    def absorb(self, report: StoreStatus) -> None:
        """Take what `SessionStore.status()` returned (what it leaves unknown stays as it was)."""
        if report.model is not None:
            self.model = one_line(report.model, 40)
        if report.ollama is not None:
            self.ollama = one_line(report.ollama, 40)
        if report.guided is not None:
            self.guided = report.guided
        if report.kb is not None:
            self.kb = one_line(report.kb, 40)

    def render(self) -> Content:
        _ = words(self.language)
        sep = (" │ ", "$foreground 40%")
        model_name = self.model or _("model")
        if self.store == "loading":
            model = (_("◌ starting…"), "$text-muted")
        elif self.guided:
            state = self.ollama or ""
            if not state or "offline" in state:
                model = (_("○ offline — guided mode"), "$warning")
            else:
                model = (
                    _("○ {model} {state} — guided mode").format(model=model_name, state=self._state(state)),
                    "$warning",
                )
        elif self.guided is False:
            state = self._state(self.ollama or "ready")
            model = (f"● {model_name} {state}", "$success")
        else:
            model = (_("◌ {model} checking…").format(model=model_name), "$text-muted")
        kb = self.kb or ("…" if self.store == "loading" else _("unknown"))
        parts: list[Any] = [(" GenAI Advisor", "bold $accent"), sep, model, sep, (_("KB") + " ", "dim"), kb]
        if self.store == "error":
            parts += [sep, (_("sessions unavailable"), "$error")]
        if self.session:
            parts += [sep, (self.session, "bold")]
        return Content.assemble(*parts)

    def _state(self, state: str) -> str:
        return words(self.language)(OLLAMA_STATES[state]) if state in OLLAMA_STATES else state


class StatusBar(Static):
    """Draws the app's `Status`; the app calls `show` on every bar when the status changes."""

    def on_mount(self) -> None:
        status = getattr(self.app, "status", None)  # any app may host the bar (tests, benchmarks)
        if isinstance(status, Status):
            self.show(status)

    def show(self, status: Status) -> None:
        self.update(status.render())
