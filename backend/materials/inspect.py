"""Judges an upload by its content, never by its name or declared type: magic bytes first, then a
real parse. Images are decoded and re-encoded (EXIF, GPS, comments and any trailing bytes are
left behind); PDFs are parsed and refused when they carry anything that runs or hides a file."""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from backend.materials.config import MaterialsSettings, get_materials_settings

ALLOWED = "只接受 JPG、PNG 图片或 PDF 文件"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}

# PDF names that run code, open other files or carry files inside: none belongs in a scan.
_ACTIVE_NAMES = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
    "/SubmitForm",
    "/ImportData",
    "/GoToE",
    "/GoToR",
    "/Sound",
    "/Movie",
}
# Objects walked at most: a scan has a few hundred; a bigger graph is refused, not walked forever.
_MAX_PDF_OBJECTS = 200_000


class Refused(Exception):
    """The file is not taken; the message says why and what to do, in Chinese."""


@dataclass(frozen=True)
class Cleaned:
    data: bytes
    content_type: str
    extension: str
    pages: int = 1


def sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    # Readers accept a header within the first 1024 bytes; so do we, and nothing else.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def judge(data: bytes, settings: MaterialsSettings | None = None) -> Cleaned:
    """`settings` are passed by the backend to its encoding processes (encoder.py), so that a
    child judges by the parent's limits, not by what its own environment would give."""
    kind = sniff(data)
    if kind is None:
        raise Refused(f"无法识别的文件类型：{ALLOWED}（按文件内容判断，改扩展名无效）。请拍照或扫描后重新上传。")
    if kind == "pdf":
        return _check_pdf(data)
    return _clean_image(data, kind, settings or get_materials_settings())


def _clean_image(data: bytes, kind: str, settings: MaterialsSettings) -> Cleaned:
    bomb = Refused("图片像素过多，无法处理。请用手机正常拍照（不要超大拼图），或压缩后重新上传。")
    broken = Refused(f"图片已损坏或不完整，无法打开。请重新拍照后上传（{ALLOWED}）。")
    # Pillow refuses over twice this limit itself (DecompressionBombError) and only warns between
    # once and twice it; the explicit check below refuses that band too. (No warnings filter: it
    # is process-wide, and uploads run in several threads at once.)
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG" if kind == "jpeg" else "PNG"]) as img:
            if img.width * img.height > settings.max_image_pixels:
                raise bomb
            img.load()  # the real decode: a truncated or malformed file fails here
            upright = ImageOps.exif_transpose(img)  # keep the page readable, then drop EXIF
    except Image.DecompressionBombError:
        raise bomb from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise broken from None
    upright.thumbnail((settings.max_image_side, settings.max_image_side))
    out = io.BytesIO()
    if kind == "jpeg":
        upright.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        return Cleaned(out.getvalue(), "image/jpeg", "jpg")
    mode = "RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB"
    upright.convert(mode).save(out, format="PNG", optimize=True)  # no text chunks, no eXIf
    return Cleaned(out.getvalue(), "image/png", "png")


def _active_name(obj, seen: set[int], budget: list[int]) -> str | None:
    """The first active-content name anywhere in the object graph, or None."""
    stack = [obj]
    while stack:
        budget[0] -= 1
        if budget[0] < 0:
            raise Refused("PDF 结构过于复杂，无法检查。请重新扫描或导出为普通 PDF 后上传。")
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, NameObject) and item in _ACTIVE_NAMES:
            return str(item)
        if isinstance(item, DictionaryObject):
            for k, v in item.items():
                if k in _ACTIVE_NAMES:
                    return str(k)
                stack.append(v)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def _all_objects(reader: PdfReader):
    """Every numbered object in the file, reachable from the document or not: a viewer may still
    find an orphan, so it is checked too."""
    for generation, table in reader.xref.items():
        for number in table:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _check_pdf(data: bytes) -> Cleaned:
    broken = Refused("PDF 文件已损坏或无法读取。请重新导出或扫描后上传。")
    # A quick look at the raw bytes first; the parse below also finds names hidden in compressed
    # object streams or written with #hex escapes.
    found = next((n for n in (b"/JavaScript", b"/Launch", b"/EmbeddedFile") if n in data), None)
    found = found.decode() if found else None
    if not found:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise Refused("PDF 文件设置了密码或加密，无法检查。请去掉密码后重新上传。")
            pages = len(reader.pages)
            seen: set = set()
            budget = [_MAX_PDF_OBJECTS]
            found = _active_name(reader.trailer, seen, budget)
            for ref in _all_objects(reader):
                if found:
                    break
                found = _active_name(ref, seen, budget)
        except Refused:
            raise
        except Exception:  # pypdf raises many kinds on hostile input; all mean "unreadable"
            raise broken from None
    if found:
        raise Refused(
            f"PDF 含有脚本、自动动作或嵌入文件（{found.lstrip('/')}），出于安全原因不予接收。"
            "请直接拍照上传，或用“打印为PDF”重新生成后上传。"
        )
    if pages < 1:
        raise broken
    return Cleaned(data, "application/pdf", "pdf", pages)
