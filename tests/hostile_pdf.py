"""PDFs an attacker would upload: scripts that run on opening, launch actions, attached files."""
import io

import pikepdf


def with_active_content(data: bytes, marker: str = "ZQXPDFSCRIPT") -> bytes:
    """`data` (a PDF) with JavaScript in every place a reader runs it, a launch action, and files
    attached both as embedded files and as a file-attachment annotation. `marker` is in each script."""
    pdf = pikepdf.open(io.BytesIO(data))
    js = lambda what: pdf.make_indirect(pikepdf.Dictionary(  # noqa: E731
        Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"app.alert('{marker} {what}');")))
    pdf.Root.OpenAction = js("open")
    pdf.Root.AA = pikepdf.Dictionary(WC=js("close"))
    page = pdf.pages[0]
    page.obj.AA = pikepdf.Dictionary(O=js("page open"))
    names = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("init"), js("document level")]))
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=names)
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, f"MZ {marker} embedded".encode(), filename="payload.exe")
    attached = pikepdf.AttachedFileSpec(pdf, f"{marker} annotation file".encode(), filename="notes.txt")
    launch = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")))
    web = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.nottinghamcity.gov.uk/"))
    annots = [
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
                           Rect=[10, 10, 30, 30], FS=attached.obj, Contents=pikepdf.String("notes")),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[40, 10, 90, 30], A=launch),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[100, 10, 190, 30],
                           A=js("link click")),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[200, 10, 290, 30], A=web),
    ]
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(a) for a in annots]))
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)  # readable, as a reader sees it
    return out.getvalue()


def encrypted(data: bytes, user_password: str = "") -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="clerk-owner", user=user_password))
    return out.getvalue()
