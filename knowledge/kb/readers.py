"""Reading the user's own files into chunks: Markdown, plain text and PDF.

Every failure becomes an `UnreadableFile` with a reason a person understands, so one bad file is
reported and skipped while the others still go in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from knowledge.kb.chunks import markdown_chunks, text_chunks
from knowledge.kb.models import Chunk

MARKDOWN = {".md", ".markdown"}
TEXT = {".txt", ".text", ".rst"}
PDF = {".pdf"}
SUPPORTED = MARKDOWN | TEXT | PDF


class UnreadableFile(Exception):
    """The file cannot be turned into text; the message says why."""


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files found under any directory given (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_chunks(path: Path) -> list[Chunk]:
    """The chunks of one file, sourced by its file name; raises UnreadableFile."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'}; use .md, .txt or .pdf")
    if not path.is_file():
        raise UnreadableFile("no such file" if not path.exists() else "not a regular file")
    if suffix in PDF:
        chunks = _pdf_chunks(path)
    else:
        text = _decode(_read_bytes(path))
        chunks = markdown_chunks(text, path.name) if suffix in MARKDOWN else text_chunks(text, path.name, path.name)
    if not chunks:
        raise UnreadableFile("no text found")
    return chunks


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise UnreadableFile("binary content, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Windows-made notes are often Latin-1 / cp1252; every byte decodes, none is lost.
        return raw.decode("cp1252", errors="replace")


def _pdf_chunks(path: Path) -> list[Chunk]:
    from pypdf import PdfReader  # imported here: only ingest of a PDF pays for it
    from pypdf.errors import PyPdfError

    # pypdf logs recoverable oddities of real-world PDFs as warnings; they are not the user's concern.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("encrypted PDF")
        chunks: list[Chunk] = []
        for number, page in enumerate(reader.pages, start=1):
            chunks += text_chunks(page.extract_text() or "", path.name, f"page {number}")
        return chunks
    except UnreadableFile:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        raise UnreadableFile(f"unreadable PDF ({error.__class__.__name__}: {error})") from error
