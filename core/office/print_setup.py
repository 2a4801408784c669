"""Spreadsheets print readably: before an .xlsx appendix is converted, each sheet is set to print
landscape, scaled to the page width (as many pages down as it needs), with its first row repeated
at the top of every page and the sheet's name in the page header, so a six-column table is no
longer cut into four pages of stray columns. LibreOffice never splits a row across pages.

The workbook's XML is edited in place (elements in the order the schema requires) rather than
loaded and saved by a library that would lose charts and pictures.
"""
import io
import re
import zipfile

from lxml import etree

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
Q = "{%s}" % NS

# CT_Worksheet's children, in schema order.
SHEET_ORDER = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
               "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
               "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
               "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
               "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
               "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
               "tableParts", "extLst"]
WORKBOOK_ORDER = ["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                  "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
                  "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
                  "fileRecoveryPr", "webPublishObjects", "extLst"]


def _child(parent, name: str, order: list[str]):
    """The child `name` of `parent`, created at its place in the schema's order if missing."""
    found = parent.find(Q + name)
    if found is not None:
        return found
    element = etree.Element(Q + name)
    rank = order.index(name)
    for i, existing in enumerate(parent):
        local = etree.QName(existing).localname if isinstance(existing.tag, str) else ""
        if local in order and order.index(local) > rank:
            parent.insert(i, element)
            return element
    parent.append(element)
    return element


def _sheet(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    sheet_pr = _child(root, "sheetPr", SHEET_ORDER)
    setup_pr = sheet_pr.find(Q + "pageSetUpPr")
    if setup_pr is None:
        setup_pr = etree.SubElement(sheet_pr, Q + "pageSetUpPr")  # last in CT_SheetPr's order
    setup_pr.set("fitToPage", "1")
    _child(root, "pageMargins", SHEET_ORDER).attrib.update(
        {"left": "0.5", "right": "0.5", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"})
    setup = _child(root, "pageSetup", SHEET_ORDER)
    for attr in ("scale", "fitToHeight"):
        setup.attrib.pop(attr, None)
    setup.attrib.update({"orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0", "paperSize": "9"})
    header_footer = _child(root, "headerFooter", SHEET_ORDER)
    if header_footer.find(Q + "oddHeader") is None:
        etree.SubElement(header_footer, Q + "oddHeader").text = "&L&A"  # the sheet's name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _workbook(xml: bytes) -> bytes:
    """Each sheet repeats its first row at the top of every printed page (print titles)."""
    root = etree.fromstring(xml)
    sheets = root.find(Q + "sheets")
    if sheets is None:
        return xml
    names = _child(root, "definedNames", WORKBOOK_ORDER)
    for index, sheet in enumerate(sheets.findall(Q + "sheet")):
        already = [d for d in names.findall(Q + "definedName")
                   if d.get("name") == "_xlnm.Print_Titles" and d.get("localSheetId") == str(index)]
        if already:
            continue
        quoted = sheet.get("name", "").replace("'", "''")
        title = etree.SubElement(names, Q + "definedName", name="_xlnm.Print_Titles", localSheetId=str(index))
        title.text = f"'{quoted}'!$1:$1"
    if not len(names):
        root.remove(names)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def print_ready_xlsx(data: bytes) -> bytes:
    """The workbook set up to print readably (see the module's note); the cells are not touched."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                content = _sheet(content)
            elif info.filename == "xl/workbook.xml":
                content = _workbook(content)
            target.writestr(info, content)
    return out.getvalue()
