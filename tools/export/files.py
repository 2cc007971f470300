"""Writing an export to disk: atomic, never clobbering, with the user's normal file mode.

A reader never sees half a file: the data goes to a temporary file in the target's folder (same
filesystem, so the final rename is atomic) and is moved into place at the end; on any failure
(disk full included) the temporary file is removed and an existing target is left as it was.
Only a regular file is ever replaced: a symlink, a directory, a FIFO or a device node at the
target is refused, with or without --force.
"""

from __future__ import annotations

import os
import stat
import tempfile
import unicodedata
from pathlib import Path

SLUG_BYTES = 120  # well under the 255-byte name limit of common file systems, suffix included
DIRECTORY_MODE = 0o755  # before the umask: a folder made for shared exports is never 0777


class ExportExists(FileExistsError):
    """The export's target exists and overwriting it was not asked for."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path}: already exists (use --force to overwrite)")


class ExportRefused(OSError):
    """The export's target is not a regular file: it is never replaced, even with --force."""

    def __init__(self, path: Path, kind: str):
        self.path = path
        # No path in the message: the CLI's one-line error puts it in front.
        super().__init__(f"is {kind}, not a regular file; choose another path")


def write_export(data: str | bytes, path: Path, force: bool = False) -> Path:
    """Write `data` (text is UTF-8) to `path` atomically, with the user's umask applied."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _refuse_special(path)
    if not force and os.path.lexists(path):
        raise ExportExists(path)
    _make_parents(path.parent)
    # mkstemp creates the file 0600; exports are made to be shared, so the umask decides (issue 11).
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        try:
            _write_all(handle, payload)
            os.fchmod(handle, 0o666 & ~current_umask())
            os.fsync(handle)
        finally:
            os.close(handle)
        if force:
            _refuse_special(path)  # checked again: something may have appeared meanwhile
            os.replace(temp_name, path)
        else:
            _move_without_overwrite(temp_name, path)
    except BaseException:
        if os.path.lexists(temp_name):
            os.unlink(temp_name)
        raise
    return path


def _write_all(handle: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(handle, view) :]


def _refuse_special(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    kinds = [
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    raise ExportRefused(path, next((kind for test, kind in kinds if test(mode)), "a special file"))


def _make_parents(folder: Path) -> None:
    # Path.mkdir(parents=True) makes the missing parents 0777 & ~umask whatever `mode` says.
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        try:
            os.mkdir(each, DIRECTORY_MODE)
        except FileExistsError:
            pass


def current_umask() -> int:
    """The process umask, read without changing it where /proc allows (threads may be writing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


def default_filename(organization: str | None, suffix: str) -> str:
    """`acme-retail-genai-roadmap.md`: a file name safe for any organisation name."""
    slug = slugify(organization or "")
    return f"{slug + '-' if slug else ''}genai-roadmap.{suffix}"


def slugify(text: str) -> str:
    """Lowercase letters and digits joined by dashes; accents dropped, other scripts kept.

    Cut by bytes on a character boundary: 60 four-byte characters would pass a character count
    and still exceed the file system's 255-byte name limit.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c.lower() if c.isalnum() else "-" for c in decomposed if not unicodedata.combining(c))
    slug = "-".join(w for w in kept.split("-") if w)
    cut = slug.encode("utf-8")[:SLUG_BYTES].decode("utf-8", errors="ignore")
    return cut.strip("-")
