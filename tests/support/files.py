"""Sample uploads, made on the spot: a phone photo with EXIF and GPS, hostile files of each kind
the backend must refuse, and a clean PDF."""

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter

EXIF_MARKER = "HY-SECRET-CAMERA-7f3a"  # written into the photo's EXIF; must never be stored


def photo_with_exif(width: int = 640, height: int = 480, noise: bool = False) -> bytes:
    """A JPEG with a camera make and GPS coordinates in its EXIF."""
    if noise:  # a realistic (poorly compressible) photo, for size-sensitive tests and the bench
        import os

        img = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        img = Image.new("RGB", (width, height), (200, 180, 150))
        for x in range(0, width, 8):  # some structure, so the page is "readable"
            img.putpixel((x, height // 2), (0, 0, 0))
    exif = Image.Exif()
    exif[0x010F] = EXIF_MARKER  # Make
    exif[0x0110] = "Phone X"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 13.0, 58.0)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 12.0)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


def png(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 100_000) -> bytes:
    """A few hundred bytes declaring a side x side image (10 gigapixels at the default): the
    IDAT is a small deflate stream of zeros that would inflate without end."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale
    idat = zlib.compress(b"\x00" * (1 << 20), 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def renamed_executable() -> bytes:
    """A Windows executable's first bytes (MZ ... PE), as if saved as photo.jpg."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"PE\x00\x00" + b"\x90" * 512


def clean_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _raw_pdf(action: bytes) -> bytes:
    """A one-page PDF whose catalog opens with `action`, written by hand (pypdf 7 no longer adds
    JavaScript itself)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        action,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    return _raw_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>")


def pdf_with_hidden_javascript() -> bytes:
    """The action's name written with #hex escapes (/J#61vaScript reads /JavaScript, /J#53 /JS):
    a byte search misses it, a parser does not."""
    return _raw_pdf(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")


def pdf_with_launch_action() -> bytes:
    return _raw_pdf(b"<< /S /L#61unch /F (cmd.exe) >>")


def pdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("run.exe", renamed_executable())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
