"""The marker is found in every text encoding, inside Office/zip files; bombs stay capped."""

import io
import tracemalloc

import pytest

from intake.export_marker import MARKER
from portal.documents import scan
from tests.documents.files import ENCODINGS, ROW, docx_with_split_runs, xlsx, zip_bomb, zipped

CLEAN = ROW.replace(MARKER, "SHIENGUIDE-PUBLIC")


def verdict(data: bytes) -> str:
    try:
        scan.check(io.BytesIO(data))
    except scan.MarkerFound:
        return "marker"
    except scan.Unscannable:
        return "unscannable"
    return "clean"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_marker_is_found_in_each_text_encoding(encoding):
    assert verdict(ROW.encode(encoding)) == "marker"
    assert verdict(ROW.lower().encode(encoding)) == "marker"
    assert verdict(CLEAN.encode(encoding)) == "clean"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_marker_is_found_inside_a_zip_in_each_encoding(encoding):
    assert verdict(zipped({"export.csv": ROW.encode(encoding)})) == "marker"
    assert verdict(zipped({"export.csv": CLEAN.encode(encoding)})) == "clean"


def test_marker_is_found_in_an_xlsx_cell():
    assert verdict(xlsx([[MARKER, "機密"], ["予約番号"]])) == "marker"
    assert verdict(xlsx([["様式第1号"], ["予約番号"]])) == "clean"


def test_marker_is_found_in_an_xlsx_cell_after_other_rows():
    assert verdict(xlsx([["集計"], *[[n] for n in range(500)], [f"備考 {MARKER}"]])) == "marker"


def test_marker_split_across_word_runs_is_found():
    assert verdict(docx_with_split_runs(MARKER)) == "marker"
    assert verdict(docx_with_split_runs("SHIENGUIDE-PUBLIC")) == "clean"


def test_marker_in_a_zip_inside_a_zip_is_found():
    inner = zipped({"export.csv": ROW.encode("cp932")})
    assert verdict(zipped({"bundle/inner.zip": inner})) == "marker"


def test_zip_nested_deeper_than_the_limit_is_unscannable():
    data = b"harmless"
    for depth in range(scan.MAX_DEPTH + 1):
        data = zipped({f"level{depth}.zip" if depth else "a.txt": data})
    assert verdict(data) == "unscannable"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-be"])
def test_marker_cut_by_a_read_chunk_boundary_is_found(encoding):
    token = MARKER.encode(encoding)
    for cut in range(1, len(token)):
        padding = b" " * (scan.CHUNK_BYTES - cut)
        assert verdict(padding + token + b"\n") == "marker", cut


def test_damaged_office_file_is_unscannable():
    data = xlsx([["様式"]])
    assert verdict(data[:200] + b"\x00" * 50 + data[250:]) == "unscannable"


def _scan_peak(data: bytes) -> tuple[str, int]:
    tracemalloc.start()
    try:
        result = verdict(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_one_huge_member_is_refused_within_the_member_cap_with_bounded_memory():
    bomb = zip_bomb([scan.MAX_MEMBER_BYTES // (1024 * 1024) + 8])
    assert len(bomb) < 2 * 1024 * 1024  # a small upload that unpacks to > 64 MiB
    result, peak = _scan_peak(bomb)
    assert result == "unscannable"
    assert peak < 16 * 1024 * 1024


def test_many_large_members_are_refused_within_the_total_cap_with_bounded_memory(monkeypatch):
    # Smaller caps than production to keep the test fast; the counting is the same.
    monkeypatch.setattr(scan, "MAX_MEMBER_BYTES", 8 * 1024 * 1024)
    monkeypatch.setattr(scan, "MAX_TOTAL_BYTES", 32 * 1024 * 1024)
    member_mib = scan.MAX_MEMBER_BYTES // (1024 * 1024) - 1
    count = scan.MAX_TOTAL_BYTES // scan.MAX_MEMBER_BYTES + 1
    result, peak = _scan_peak(zip_bomb([member_mib] * count))
    assert result == "unscannable"
    assert peak < 16 * 1024 * 1024


def test_too_many_members_is_unscannable(monkeypatch):
    monkeypatch.setattr(scan, "MAX_MEMBERS", 10)
    assert verdict(zipped({f"m{n}.txt": b"x" for n in range(11)})) == "unscannable"
    assert verdict(zipped({f"m{n}.txt": b"x" for n in range(10)})) == "clean"


def test_encrypted_member_is_unscannable():
    data = bytearray(zipped({"secret.csv": b"data"}))
    # Set the "encrypted" flag in the local and the central directory headers.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature) + offset
        data[at] |= 0x1
    assert verdict(bytes(data)) == "unscannable"
