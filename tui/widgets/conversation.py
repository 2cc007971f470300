"""The conversation log: advisor replies as streamed Markdown, the user's answers as plain text."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownStream

from tui.sanitize import clean, one_line, plain
from tui.words import words_for


class Conversation(VerticalScroll):
    """Append-only; pinned to the bottom until the user scrolls up, and again once they scroll
    back down to the end."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._stream: MarkdownStream | None = None
        self._streaming: Markdown | None = None
        self._last_advisor = ""

    def on_mount(self) -> None:
        self.anchor()

    @property
    def last_advisor_text(self) -> str:
        return self._last_advisor

    async def load(self, messages: list[Any]) -> None:
        """Redraw a reopened session's transcript (`agent.events.Message`s) in one mount."""
        widgets: list[Static | Markdown] = []
        for message in messages:
            if message.role == "user":
                widgets.append(Static(plain(message.text), classes="msg user"))
            elif message.role == "advisor":
                widgets.append(Markdown(clean(message.text), classes="msg advisor", open_links=False))
                self._last_advisor = message.text
            else:
                widgets.append(Static(plain(message.text), classes="msg note -info"))
        if widgets:
            await self._append(*widgets)

    async def _append(self, *widgets: Widget) -> None:
        """Mount at the end; follow it when the user was at the bottom (Textual alone does not
        re-anchor a log that was scrolled up and back down)."""
        following = self.scroll_y >= self.max_scroll_y - 1
        await self.mount_all(widgets)
        if following:
            self.anchor()

    async def add_user(self, text: str) -> None:
        await self._append(Static(plain(text), classes="msg user"))

    async def add_advisor(self, text: str, sources: list[str] | None = None) -> None:
        self._last_advisor = text
        await self._append(Markdown(clean(text), classes="msg advisor", open_links=False))
        await self._add_sources(sources)

    async def add_note(self, text: str, level: str = "info") -> None:
        await self._append(Static(plain(text), classes=f"msg note -{level}"))

    async def stream(self, chunk: str) -> None:
        """Append a chunk of a reply being generated (tokens appear as they come)."""
        if self._stream is None:
            self._streaming = Markdown("", classes="msg advisor -streaming", open_links=False)
            await self._append(self._streaming)
            self._stream = Markdown.get_stream(self._streaming)
        await self._stream.write(clean(chunk))

    async def finish(self, text: str, sources: list[str] | None = None) -> None:
        """The whole reply: replaces what was streamed (one clean render), or adds it."""
        if self._stream is None or self._streaming is None:
            await self.add_advisor(text, sources)
            return
        widget = self._streaming
        await self._end_stream()
        widget.remove_class("-streaming")
        await widget.update(clean(text))
        self._last_advisor = text
        await self._add_sources(sources)

    async def cancel_stream(self) -> None:
        """Esc: keep what was generated, mark it cancelled."""
        if self._stream is not None:
            await self._end_stream()
            _ = words_for(self)
            await self.add_note(_("(generation cancelled)"), "warning")

    async def _end_stream(self) -> None:
        stream, self._stream, self._streaming = self._stream, None, None
        if stream is not None:
            await stream.stop()

    async def _add_sources(self, sources: list[str] | None) -> None:
        if sources:
            cited = "; ".join(one_line(s, 80) for s in sources)
            _ = words_for(self)
            text = _("Sources: {sources}").format(sources=cited)
            await self._append(Static(Content.styled(text, "$text-muted"), classes="msg sources"))
