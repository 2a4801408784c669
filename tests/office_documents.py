"""Word and Excel files built byte by byte for the upload and conversion tests: plain ones, and
the hostile ones an attacker (or a careless template) produces.

Each builder returns the bytes of a complete .docx/.xlsx package. The hostile parts are written
exactly as Word and Excel write them, so the checks are tested against the real shapes.
"""
import io
import struct
import zipfile
import zlib

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

# A 1×1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def _content_types(overrides: dict, defaults: dict | None = None) -> str:
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml",
                "png": "image/png", **(defaults or {})}
    return (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults.items())
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
        + "</Types>"
    )


def _rels(rels: list[tuple]) -> str:
    """rels: (id, type suffix, target[, "External"])."""
    out = []
    for rel in rels:
        rid, kind, target = rel[:3]
        mode = f' TargetMode="{rel[3]}"' if len(rel) > 3 else ""
        out.append(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"{mode}/>')
    return XML_HEAD + f'<Relationships xmlns="{PKG_RELS}">' + "".join(out) + "</Relationships>"


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def docx(body: str = "", *, rels: list[tuple] = (), extra_parts: dict | None = None,
         overrides: dict | None = None, defaults: dict | None = None, main_type: str = WORD_MAIN) -> bytes:
    """A Word package whose document body is `body` (WordprocessingML inside <w:body>)."""
    body = body or paragraph("Appendix text")
    document = (
        XML_HEAD + f'<w:document xmlns:w="{W}" xmlns:r="{R}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        f"<w:body>{body}</w:body></w:document>"
    )
    parts = {
        "[Content_Types].xml": _content_types({"/word/document.xml": main_type, **(overrides or {})}, defaults),
        "_rels/.rels": _rels([("rId1", "officeDocument", "word/document.xml")]),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": _rels(list(rels)),
        **(extra_parts or {}),
    }
    return _zip(parts)


def xlsx(cells: str = '<c r="A1" t="inlineStr"><is><t>Action</t></is></c>', *, workbook_rels: list[tuple] = (),
         extra_parts: dict | None = None, overrides: dict | None = None, defined_names: str = "",
         sheet_rels: list[tuple] = (), sheet_extra: str = "") -> bytes:
    """An Excel package with one sheet whose first row holds `cells` (SpreadsheetML <c> elements)."""
    s = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    workbook = (
        XML_HEAD + f'<workbook xmlns="{s}" xmlns:r="{R}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
        f"</sheets>{f'<definedNames>{defined_names}</definedNames>' if defined_names else ''}</workbook>"
    )
    sheet = (XML_HEAD + f'<worksheet xmlns="{s}" xmlns:r="{R}"><sheetData><row r="1">{cells}</row></sheetData>'
             f"{sheet_extra}</worksheet>")
    parts = {
        "[Content_Types].xml": _content_types({
            "/xl/workbook.xml": SHEET_MAIN,
            "/xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
            **(overrides or {}),
        }),
        "_rels/.rels": _rels([("rId1", "officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": _rels([("rId1", "worksheet", "worksheets/sheet1.xml"), *workbook_rels]),
        "xl/worksheets/sheet1.xml": sheet,
        **({"xl/worksheets/_rels/sheet1.xml.rels": _rels(list(sheet_rels))} if sheet_rels else {}),
        **(extra_parts or {}),
    }
    return _zip(parts)


def _zip(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return buffer.getvalue()


# The hostile shapes --------------------------------------------------------------------------

def linked_picture(rid: str, *, name: str = "Picture 1", cx: int = 5400000, cy: int = 7000000) -> str:
    """A DrawingML picture whose image is linked (r:link), not embedded: Word's "Link to File"."""
    return (
        "<w:p><w:r><w:drawing><wp:inline>"
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="{name}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="1" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def complex_field(instruction: str, result: str = "field result", *, split: bool = True) -> str:
    """A field as Word writes it: begin, the instruction in instrText runs, separate, result, end.

    With `split`, the instruction is cut across two runs, as Word does after an edit.
    """
    if split and len(instruction) > 4:
        cut = len(instruction) // 2 - 1
        pieces = [instruction[:cut], instruction[cut:]]
    else:
        pieces = [instruction]
    instr = "".join(f'<w:r><w:instrText xml:space="preserve">{p}</w:instrText></w:r>' for p in pieces)
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' + instr
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + f"<w:r><w:t>{result}</w:t></w:r>"
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def nested_field(outer_before: str, inner: str, outer_after: str, inner_result: str = "inner") -> str:
    """A field whose instruction holds another field: { INCLUDETEXT "{ FILENAME }" }."""
    run = lambda xml: f"<w:r>{xml}</w:r>"  # noqa: E731
    char = lambda kind: run(f'<w:fldChar w:fldCharType="{kind}"/>')  # noqa: E731
    instr = lambda text: run(f'<w:instrText xml:space="preserve">{text}</w:instrText>')  # noqa: E731
    return ("<w:p>" + char("begin") + instr(outer_before) + char("begin") + instr(inner) + char("separate")
            + run(f"<w:t>{inner_result}</w:t>") + char("end") + instr(outer_after) + char("separate")
            + run("<w:t>outer</w:t>") + char("end") + "</w:p>")


def simple_field(instruction: str, result: str = "field result") -> str:
    return f'<w:p><w:fldSimple w:instr="{instruction}"><w:r><w:t>{result}</w:t></w:r></w:fldSimple></w:p>'


# Zip bombs -----------------------------------------------------------------------------------

def deflated_zeros(size: int, chunk: int = 1 << 20) -> tuple[bytes, int]:
    """Raw deflate data for `size` zero bytes, and its CRC-32, without compressing `size` bytes.

    After a full flush a deflate stream starts afresh, so every 1 MiB chunk of zeros compresses to
    the same bytes: compress one and repeat it.
    """
    assert size % chunk == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    crc = 0
    zero = bytes(chunk)
    for _ in range(size // chunk):
        crc = zlib.crc32(zero, crc)
    return block * (size // chunk) + tail, crc


def zip_with_raw_members(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: members are (name, raw deflate data, crc32, uncompressed size)."""
    out = io.BytesIO()
    central = []
    for name, raw, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(encoded), 0))
        out.write(encoded)
        out.write(raw)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def xlsx_with_linked_picture(target: str) -> bytes:
    """An Excel workbook with a picture whose image is linked (r:link) to `target`."""
    xdr = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    drawing = (
        XML_HEAD + f'<xdr:wsDr xmlns:xdr="{xdr}" xmlns:a="{a}" xmlns:r="{R}">'
        '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff>'
        '<xdr:row>40</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
        '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Picture 1"/><xdr:cNvPicPr/></xdr:nvPicPr>'
        '<xdr:blipFill><a:blip r:link="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="6000000" cy="7000000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>'
        "</xdr:twoCellAnchor></xdr:wsDr>"
    )
    return xlsx(
        sheet_rels=[("rId1", "drawing", "../drawings/drawing1.xml")], sheet_extra='<drawing r:id="rId1"/>',
        overrides={"/xl/drawings/drawing1.xml": "application/vnd.openxmlformats-officedocument.drawing+xml"},
        extra_parts={"xl/drawings/drawing1.xml": drawing,
                     "xl/drawings/_rels/drawing1.xml.rels": _rels([("rId1", "image", target, "External")])},
    )
