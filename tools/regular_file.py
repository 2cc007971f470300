"""Read a regular file of bounded size, checking what it is before reading a byte.

A path given on the command line may name a FIFO (reading blocks for ever), a device such as
`/dev/zero` (reading never ends) or a directory. The file is opened without blocking, checked with
`fstat` on the open descriptor (so the check and the read concern the same file), and read up to
one byte past the limit, so a file of any size costs at most the limit in memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# O_NONBLOCK makes opening a FIFO with no writer return at once instead of waiting for one; it
# has no effect on regular files. Windows has neither FIFOs nor the flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 16


class FileRefused(OSError):
    """The path cannot be read as a document; `reason` says why in a few words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else FileRefused."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileRefused("no such file") from None
    except IsADirectoryError:
        raise FileRefused("is a directory, not a file") from None
    except OSError as error:
        raise FileRefused(error.strerror or str(error)) from None
    try:
        kind = _kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise FileRefused(f"is {kind}, not a regular file")
        return _read_bounded(descriptor, limit)
    finally:
        os.close(descriptor)


def _read_bounded(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        try:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
        except OSError as error:
            raise FileRefused(error.strerror or str(error)) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise FileRefused(f"larger than the limit of {_size(limit)}")


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _size(limit: int) -> str:
    if limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    if limit % (1 << 10) == 0:
        return f"{limit >> 10} KiB"
    return f"{limit} bytes"
