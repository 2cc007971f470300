"""One daemon thread that runs every store and session call, in the order they were asked.

The session API is synchronous. Running it on a single thread, rather than on whichever thread a
worker happens to get, keeps its SQLite connections on the thread that opened them, never lets two
calls overlap (a cancelled stream is closed before the next answer starts), and, being a daemon,
never holds up quitting behind a slow model call.

The async workers of the interface `await` these calls, so cancelling a worker (Esc) takes effect
at once on screen while the thread finishes the call it is in.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
_DONE = object()


class AgentThread:
    def __init__(self, name: str = "advisor-agent") -> None:
        self._jobs: queue.SimpleQueue[tuple[Future, Callable[[], Any]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((future, lambda: fn(*args)))
        return future

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on the thread and wait for its result (or exception)."""
        return await asyncio.wrap_future(self.submit(fn, *args))

    async def stream(self, make: Callable[[], Iterator[T]]) -> Any:
        """Iterate a generator made and advanced on the thread; yields its items.

        Closing the returned async generator (or cancelling the worker iterating it) closes the
        session's generator on the thread, after the item it is producing.
        """
        iterator = await self.call(make)
        try:
            while True:
                item = await self.call(next, iterator, _DONE)
                if item is _DONE:
                    return
                yield item
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                self.submit(close)

    def stop(self, timeout: float = 2.0) -> bool:
        """Let queued calls finish, then end the thread; True when it ended within `timeout`."""
        self._jobs.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, work = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work())
            except BaseException as error:  # reported to whoever awaits the future
                future.set_exception(error)
