"""Put rendered sections together into one tagged PDF with pikepdf.

A plain page merge drops each section's tag tree and leaves its pages' /StructParents pointing at
nothing. Here each section's tree is moved under one /Document element of one StructTreeRoot and
its ParentTree keys are renumbered, so every page of the assembled pack stays tagged. Untagged
inputs (a PDF appendix merged as it is) get one /Figure per page with alternative text, so their
pages are in the tag tree too. Footers are stamped afterwards as artifacts, in an embedded font.
"""
import io
import re
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

PAGE_LINK_RE = re.compile(r"^https://quorum\.invalid/page/(\d+)$")


@dataclass
class Section:
    """One rendered section: its PDF and what to say about pages that carry no tags."""

    pdf: bytes
    alt: str = ""


@dataclass
class OutlineEntry:
    title: str
    page: int  # 0-based page index in the assembled pack
    children: list = field(default_factory=list)


def _parent_tree_items(node, out):
    """Flatten a number tree into (key, value) pairs."""
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums), 2):
            out.append((int(nums[i]), nums[i + 1]))
    if "/Kids" in node:
        for kid in node.Kids:
            _parent_tree_items(kid, out)
    return out


def _copy(out, obj):
    """copy_foreign for indirect objects; direct arrays are rebuilt around their copied members."""
    if obj is None:  # a parent-tree slot for content that is an artifact
        return None
    if obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(out, o) for o in obj])
    return obj


def merge(sections: list[Section], *, lang: str = "en-GB") -> pikepdf.Pdf:
    """Concatenate the sections, keeping one tag tree that covers every page."""
    out = pikepdf.new()
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    tree_root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
    document.P = tree_root
    nums: list = []
    role_map = Dictionary()
    next_key = 0
    for section in sections:
        src = pikepdf.open(io.BytesIO(section.pdf))
        first = len(out.pages)
        out.pages.extend(src.pages)
        new_pages = [out.pages[i] for i in range(first, len(out.pages))]
        src_tree = src.Root.get("/StructTreeRoot")
        if src_tree is not None and "/ParentTree" in src_tree:
            items = _parent_tree_items(src_tree.ParentTree, [])
            offset = next_key
            highest = max([k for k, _ in items], default=-1)
            highest = max(highest, int(src_tree.get("/ParentTreeNextKey", 0)) - 1)
            # Pages were copied first, so the copier maps every /Pg and /Obj to the copies.
            kids = src_tree.K if isinstance(src_tree.K, Array) else Array([src_tree.K])
            for kid in kids:
                copied = _copy(out, kid)
                if copied.get("/S") == Name.Document:
                    copied.S = Name.Sect
                copied.P = document
                document.K.append(copied)
            for key, value in items:
                nums.append((key + offset, _copy(out, value)))
            for page in new_pages:
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + offset
                for annot in page.obj.get("/Annots", []):
                    if "/StructParent" in annot:
                        annot.StructParent = int(annot.StructParent) + offset
            if "/RoleMap" in src_tree:
                for k, v in src_tree.RoleMap.items():
                    role_map[k] = v
            next_key = offset + highest + 1
        else:
            sect = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Sect, P=document, K=Array()))
            document.K.append(sect)
            for n, page in enumerate(new_pages, start=1):
                _tag_untagged_page(out, page, sect, next_key, f"{section.alt}, page {n} of {len(new_pages)}")
                nums.append((next_key, Array([sect.K[-1]])))
                next_key += 1
            for page in new_pages:  # links in an untagged appendix would be untagged annotations
                if "/Annots" in page.obj:
                    del page.obj["/Annots"]
    nums.sort(key=lambda kv: kv[0])
    flat = Array()
    for key, value in nums:
        flat.append(key)
        flat.append(value)
    tree_root.ParentTree = out.make_indirect(Dictionary(Nums=flat))
    tree_root.ParentTreeNextKey = next_key
    if len(role_map):
        tree_root.RoleMap = role_map
    out.Root.StructTreeRoot = tree_root
    out.Root.MarkInfo = Dictionary(Marked=True)
    out.Root.Lang = String(lang)
    for page in out.pages:
        page.obj.Tabs = Name.S  # PDF/UA: tab order follows the structure
    return out


def _tag_untagged_page(out, page, sect, key, alt):
    """Wrap an untagged page's content in one marked-content sequence tagged /Figure."""
    page.contents_coalesce()
    body = page.obj.Contents.read_bytes()
    page.obj.Contents = out.make_stream(b"/Figure <</MCID 0>> BDC\nq\n" + body + b"\nQ\nEMC\n")
    box = [float(x) for x in page.mediabox]
    figure = out.make_indirect(Dictionary(
        Type=Name.StructElem, S=Name.Figure, P=sect, Pg=page.obj, K=Array([0]), Alt=String(alt),
        A=Dictionary(O=Name.Layout, BBox=Array(box)),
    ))
    sect.K.append(figure)
    page.obj.StructParents = key


def stamp_footers(pack: pikepdf.Pdf, footer_pdfs: bytes | list[bytes], headed_pages=frozenset()) -> None:
    """Overlay footer page i onto pack page i, marked as a pagination artifact.

    The footer PDFs (one, or consecutive chunks) are rendered by WeasyPrint (untagged), so their
    text is in an embedded font. On `headed_pages` (0-based) the overlay also carries a running
    heading (an exempt appendix's "NOT FOR PUBLICATION"), so its artifact is not only a footer.
    """
    if isinstance(footer_pdfs, bytes):
        footer_pdfs = [footer_pdfs]
    footer_docs = [pikepdf.open(io.BytesIO(data)) for data in footer_pdfs]  # kept open while copying
    footer_pages = [p for doc in footer_docs for p in doc.pages]
    if len(footer_pages) != len(pack.pages):
        raise ValueError(f"footer has {len(footer_pages)} pages for a pack of {len(pack.pages)}")
    for index, (page, footer) in enumerate(zip(pack.pages, footer_pages)):
        xobject = pack.copy_foreign(footer.as_form_xobject())
        name = page.add_resource(xobject, Name.XObject, prefix="Ftr")
        page.contents_add(pack.make_stream(b"q\n"), prepend=True)
        kind = b"<</Type /Pagination>>" if index in headed_pages else b"<</Type /Pagination /Subtype /Footer>>"
        page.contents_add(pack.make_stream(
            b"Q\n/Artifact " + kind + b" BDC\nq\n" + str(name).encode()
            + b" Do\nQ\nEMC\n"
        ))


def link_contents(pack: pikepdf.Pdf) -> int:
    """Turn the contents page's `/page/N` links (resolved against the render origin to
    `https://quorum.invalid/page/N`) into links to page N.

    The annotation objects are changed in place, so their /Link structure elements stay valid.
    """
    changed = 0
    for page in pack.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            if action is None or action.get("/S") != Name.URI:
                continue
            match = PAGE_LINK_RE.match(str(action.URI))
            if not match:
                continue
            target = int(match.group(1)) - 1
            if 0 <= target < len(pack.pages):
                annot.A = Dictionary(S=Name.GoTo, D=Array([pack.pages[target].obj, Name.Fit]))
                changed += 1
    return changed


def add_outline(pack: pikepdf.Pdf, entries: list[OutlineEntry]) -> None:
    def build(entry):
        item = OutlineItem(entry.title, entry.page)
        item.children.extend(build(child) for child in entry.children)
        return item

    with pack.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(build(e) for e in entries)


def finish(pack: pikepdf.Pdf, *, title: str, author: str, subject: str = "", lang: str = "en-GB") -> bytes:
    """Document information, XMP (PDF/UA-1 identifier), title in the title bar, open at page 1."""
    pack.docinfo[Name.Title] = String(title)
    pack.docinfo[Name.Author] = String(author)
    if subject:
        pack.docinfo[Name.Subject] = String(subject)
    pack.docinfo[Name.Producer] = String("Quorum (WeasyPrint, pikepdf)")
    with pack.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [author]
        meta["dc:language"] = {lang}
        meta["pdfuaid:part"] = "1"
        meta["pdf:Producer"] = "Quorum (WeasyPrint, pikepdf)"
    pack.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pack.Root.PageMode = Name.UseOutlines
    pack.Root.OpenAction = Array([pack.pages[0].obj, Name.Fit])
    buffer = io.BytesIO()
    pack.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
              deterministic_id=True)
    return buffer.getvalue()
