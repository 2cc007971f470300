"""Reading the user's own files into chunks: Markdown, plain text, PDF, DOCX, PPTX and HTML.

A file is checked before it is opened: a regular file (a FIFO or a device would block or never
end) of at most MAX_DOCUMENT_BYTES, and its text at most MAX_DOCUMENT_CHARS once extracted. Every
failure becomes an `UnreadableFile` with a reason a person understands, so one bad file is
reported and skipped while the others still go in. Control characters and terminal escapes are
removed from the text before it is stored.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from knowledge.kb import office
from knowledge.kb.chunks import markdown_chunks, text_chunks
from knowledge.kb.clean import printable
from knowledge.kb.models import Chunk, SkippedFile
from knowledge.kb.text import language_of

MARKDOWN = {".md", ".markdown"}
TEXT = {".txt", ".text", ".rst"}
PDF = {".pdf"}
SUPPORTED = MARKDOWN | TEXT | PDF | office.DOCX | office.PPTX | office.HTML
SUPPORTED_NAMES = "Markdown, text, PDF, DOCX, PPTX or HTML"

# Caps, documented in the README: a 200 MB document once took 11 minutes to ingest and slowed
# every search after it. 50 MB leaves room for decks and scans full of images; a million
# characters of text is ~150,000 words (a 500-page report), ~1,000 chunks to embed.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_DOCUMENT_CHARS = 1_000_000


class UnreadableFile(Exception):
    """The file cannot be turned into text; the message says why."""


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[SkippedFile]]:
    """Files as given, and the files found under any directory given (sorted); files of a folder
    that will not be read are named with the reason (hidden files and Office lock files aside)."""
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for candidate in sorted(path.rglob("*")):
            relative = candidate.relative_to(path).parts
            if any(part.startswith((".", "~$")) for part in relative) or candidate.is_dir():
                continue
            if candidate.suffix.lower() in SUPPORTED:
                found.append(candidate)
            else:
                skipped.append(SkippedFile(path=str(candidate), reason=_unsupported(candidate.suffix)))
    return list(dict.fromkeys(found)), skipped


def check_file(path: Path) -> int:
    """The file's size; raises UnreadableFile unless it is a supported regular file under the cap.
    Only `stat` is used: nothing is opened, so a FIFO cannot block."""
    if path.suffix.lower() not in SUPPORTED:
        raise UnreadableFile(_unsupported(path.suffix))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile("not a regular file (a folder, pipe or device)")
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise UnreadableFile(
            f"{info.st_size / 2**20:.1f} MB is over the {MAX_DOCUMENT_BYTES // 2**20} MB limit per document"
        )
    return info.st_size


def read_bytes(path: Path) -> bytes:
    check_file(path)
    try:
        with open(path, "rb") as handle:
            # Read one byte past the cap: a file that grew since the check is still refused.
            raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UnreadableFile(f"over the {MAX_DOCUMENT_BYTES // 2**20} MB limit per document")
    return raw


def read_chunks(path: Path, raw: bytes | None = None) -> list[Chunk]:
    """The chunks of one file, sourced by its file name; raises UnreadableFile. `raw` is the
    file's content when the caller has already read it (to hash it)."""
    suffix = path.suffix.lower()
    data = read_bytes(path) if raw is None else raw
    try:
        if suffix in PDF:
            chunks = _pdf_chunks(data, path.name)
        elif suffix in office.DOCX:
            chunks = markdown_chunks(_capped(office.docx_markdown(data)), path.name)
        elif suffix in office.PPTX:
            chunks = [
                c for title, body in office.pptx_slides(data) for c in text_chunks(_capped(body), path.name, title)
            ]
        elif suffix in office.HTML:
            chunks = markdown_chunks(_capped(office.html_markdown(_decode(data))), path.name)
        else:
            text = _capped(_decode(data))
            chunks = markdown_chunks(text, path.name) if suffix in MARKDOWN else text_chunks(text, path.name, path.name)
    except office.OfficeError as error:
        raise UnreadableFile(str(error)) from error
    chunks = [_clean(c) for c in chunks]
    chunks = [c for c in chunks if c.text.strip()]
    if not chunks:
        raise UnreadableFile("no text found")
    if sum(len(c.text) for c in chunks) > MAX_DOCUMENT_CHARS:
        raise UnreadableFile(_TOO_MUCH_TEXT)
    language = language_of(" ".join(c.text for c in chunks[:20])) or "en"
    return [c.model_copy(update={"language": language}) for c in chunks]


def _unsupported(suffix: str) -> str:
    return f"unsupported file type {suffix.lower() or '(none)'}; the knowledge base reads {SUPPORTED_NAMES}"


_TOO_MUCH_TEXT = f"more than {MAX_DOCUMENT_CHARS:,} characters of text (the limit per document)"


def _capped(text: str) -> str:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise UnreadableFile(_TOO_MUCH_TEXT)
    return text


def _clean(chunk: Chunk) -> Chunk:
    return chunk.model_copy(
        update={"text": printable(chunk.text), "section": " ".join(printable(chunk.section).split())}
    )


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise UnreadableFile("binary content, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Windows-made notes are often Latin-1 / cp1252; every byte decodes, none is lost.
        return raw.decode("cp1252", errors="replace")


def _pdf_chunks(data: bytes, name: str) -> list[Chunk]:
    from io import BytesIO

    from pypdf import PdfReader  # imported here: only ingest of a PDF pays for it
    from pypdf.errors import PyPdfError

    # pypdf logs recoverable oddities of real-world PDFs as warnings; they are not the user's concern.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("encrypted PDF")
        chunks: list[Chunk] = []
        total = 0
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_DOCUMENT_CHARS:  # stop extracting early: a huge PDF costs minutes
                raise UnreadableFile(_TOO_MUCH_TEXT)
            chunks += text_chunks(text, name, f"page {number}")
        return chunks
    except UnreadableFile:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        raise UnreadableFile(f"unreadable PDF ({error.__class__.__name__}: {error})") from error
