"""Files as an upload scan meets them: text in every encoding, zip, xlsx and docx containers.

Shared by the scan's own tests and the upload form's.
"""

import io
import zipfile

import openpyxl

from intake.export_marker import MARKER

# A CSV with the export marker in its first row.
ROW = f"{MARKER},機密：相談受付の記録です。\r\n予約番号,事業者名\r\nABC-123,若葉テスト商店\r\n"

# Every encoding a spreadsheet program or an editor may save a CSV in.
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "shift_jis",
    "cp932",
    "euc_jp",
    "iso2022_jp",
]


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_with_split_runs(text: str) -> bytes:
    """Word often stores one word in several runs; the marker is cut in two here."""
    half = len(text) // 2
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text[:half]}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
        f"<w:t>{text[half:]}</w:t></w:r></w:p></w:body></w:document>"
    )
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": body.encode()})


def zip_bomb(member_sizes_mib) -> bytes:
    """A zip of worksheets of the given sizes (MiB) of zeros: tiny packed, huge unpacked."""
    buffer = io.BytesIO()
    megabyte = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, size in enumerate(member_sizes_mib):
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w") as member:
                for _ in range(size):
                    member.write(megabyte)
    return buffer.getvalue()
