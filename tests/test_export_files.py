"""Writing exports as a careful tool should: only a regular file is ever replaced, a full disk
leaves nothing half-written, the user's umask sets the mode, parents are never 0777, names fit
the file system, and exported text carries no control or bidi characters. Through `advisor
assess` every such refusal is one line and exit 2."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from export_cases import hospital
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from conftest import ROOT
from tools.export import FORMATS, UnknownFormat, default_filename, format_for_path, render
from tools.export import files as export_files
from tools.export.files import ExportRefused, write_export
from tools.export.labels import clean

ADVISOR = Path(sys.executable).with_name("advisor")
HELIX = ROOT / "examples" / "helix-pharma.yaml"


def advisor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ADVISOR), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def one_line_exit_2(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- special files are never replaced ----------------------------------------------------------


def test_a_fifo_a_directory_and_a_symlink_are_refused_even_with_force(tmp_path):
    fifo, folder, link, target = tmp_path / "pipe", tmp_path / "folder", tmp_path / "link.md", tmp_path / "real.md"
    os.mkfifo(fifo)
    folder.mkdir()
    target.write_text("kept")
    link.symlink_to(target)
    for path, kind in ((fifo, "FIFO"), (folder, "directory"), (link, "symbolic link")):
        with pytest.raises(ExportRefused, match=kind):
            write_export("x", path, force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir() and link.is_symlink()
    assert target.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "link.md", "pipe", "real.md"]


def test_a_device_is_refused():
    with pytest.raises(ExportRefused, match="device"):
        write_export("x", Path("/dev/null"), force=True)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_cli_refuses_a_device_and_a_fifo_in_one_line(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    line = one_line_exit_2(advisor("assess", str(HELIX), "-o", "pipe.md", "--force", cwd=tmp_path))
    assert "pipe.md" in line and "FIFO" in line
    line = one_line_exit_2(advisor("assess", str(HELIX), "-f", "md", "-o", "/dev/null", "--force", cwd=tmp_path))
    assert "/dev/null" in line and "device" in line


def test_force_replaces_a_regular_file_atomically(tmp_path):
    target = tmp_path / "board.md"
    target.write_text("old")
    inode = target.stat().st_ino
    write_export("new", target, force=True)
    assert target.read_text() == "new" and target.stat().st_ino != inode  # renamed over, not rewritten
    assert [p.name for p in tmp_path.iterdir()] == ["board.md"]


# --- disk full -----------------------------------------------------------------------------------


def test_disk_full_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "board.pdf"
    target.write_bytes(b"previous report")

    def full(handle: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_files.os, "write", full)
    with pytest.raises(OSError) as caught:
        write_export(b"%PDF-1.7 ...", target, force=True)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["board.pdf"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_cli_disk_full_on_stdout_is_not_a_traceback(tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [str(ADVISOR), "assess", str(HELIX), "-f", "md"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    line = one_line_exit_2(result)
    assert "No space left on device" in line


# --- modes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "file_mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_the_export_mode_follows_the_umask(tmp_path, umask, file_mode):
    old = os.umask(umask)
    try:
        written = write_export(b"x", tmp_path / f"board-{umask:o}.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == file_mode


def test_no_0777_parents_under_umask_000(tmp_path):
    old = os.umask(0)
    try:
        written = write_export("x", tmp_path / "clients" / "saint-roch" / "board.md")
    finally:
        os.umask(old)
    for folder in (tmp_path / "clients", tmp_path / "clients" / "saint-roch"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE(written.stat().st_mode) == 0o666  # umask 000 asked for it


# --- names and text ------------------------------------------------------------------------------


def test_default_names_fit_the_file_system_with_four_byte_characters():
    a = hospital()
    for name in ("𝔊𝔯𝔬𝔲𝔭𝔢" * 40, "東京" * 200, "é" * 300, "😀-" * 100):
        organization = a.organization.model_copy(update={"name": name})
        for fmt in FORMATS:
            filename = default_filename(a.model_copy(update={"organization": organization}), fmt)
            assert len(filename.encode("utf-8")) <= 255, filename
            assert filename.endswith(f"genai-roadmap{FORMATS[fmt].suffix}")
            filename.encode("utf-8").decode("utf-8")  # cut on a character boundary


BIDI = "\u202eevil\u202c \u2066x\u2069 \u200f"


def test_bidi_and_control_characters_are_stripped_from_every_export():
    a = hospital()
    organization = a.organization.model_copy(update={"name": f"Clinique {BIDI}\x1b]52;c;ZXZpbA==\x07\x08Nord"})
    hostile = a.model_copy(update={"organization": organization, "warnings": ["\x1b[2Jwarning\u202e"]})
    assert clean(organization.name or "") == "Clinique evil x ]52;c;ZXZpbA==Nord"
    for fmt in ("json", "md", "html", "csv"):
        text = render(hostile, fmt)
        assert not set(text) & set("\u202e\u202c\u2066\u2069\u200f\x1b\x07\x08"), fmt
    assert json.loads(render(hostile, "json"))["warnings"] == ["[2Jwarning"]
    from tools.export import render_bytes

    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_bytes(hostile, "pdf"))).pages)
    deck = Presentation(io.BytesIO(render_bytes(hostile, "pptx")))
    slides = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    book = load_workbook(io.BytesIO(render_bytes(hostile, "xlsx")))
    cells = " ".join(str(v) for sheet in book for row in sheet.values for v in row if v is not None)
    for text in (pdf, slides, cells):
        assert "\u202e" not in text and "\x1b" not in text and "Clinique evil" in text


# --- formats by suffix ---------------------------------------------------------------------------


def test_format_for_path():
    assert [format_for_path(f"board{f.suffix}") for f in FORMATS.values()] == list(FORMATS)
    assert format_for_path("BOARD.PDF") == "pdf" and format_for_path("r.markdown") == "md"
    with pytest.raises(UnknownFormat, match=r"board\.docx.*\.pdf"):
        format_for_path("board.docx")
    with pytest.raises(UnknownFormat, match="no suffix"):
        format_for_path("board")


def test_cli_picks_the_format_from_the_suffix(tmp_path):
    for name in ("board.pdf", "board.pptx", "board.xlsx", "board.csv", "board.html"):
        result = advisor("assess", str(HELIX), "-o", name, "--prepared-by", "Claire Martin", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "board.pdf").read_bytes().startswith(b"%PDF")
    assert "Claire Martin" in PdfReader(tmp_path / "board.pdf").pages[0].extract_text()
    assert len(Presentation(tmp_path / "board.pptx").slides) >= 9
    assert "Use cases" in load_workbook(tmp_path / "board.xlsx").sheetnames
    assert (tmp_path / "board.csv").read_text().startswith("Rank,Use case,")
    # --format wins over the suffix
    assert advisor("assess", str(HELIX), "-f", "json", "-o", "data.pdf", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "data.pdf").read_text())["organization"]["name"] == "Helix Pharma"


def test_cli_refuses_an_unknown_suffix_in_one_line(tmp_path):
    line = one_line_exit_2(advisor("assess", str(HELIX), "-o", "board.docx", cwd=tmp_path))
    assert "board.docx" in line and ".pptx" in line
    assert not (tmp_path / "board.docx").exists()
