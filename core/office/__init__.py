"""Word and Excel appendices made inert: what is refused at upload, and LibreOffice in a box.

**At upload** (`inspect_package`, called by `core.uploads.check_appendix`) a .docx/.xlsx must be a
sound zip (sizes and compression ratios read from the zip directory, then counted while streaming,
never inflated whole) whose XML parts all parse without DTDs or entities, and must pull nothing in
from elsewhere: no external relationships (bar ordinary web and e-mail hyperlinks), no linked
pictures, no INCLUDEPICTURE/INCLUDETEXT/LINK/DDE fields, no OLE objects, macros, ActiveX controls,
links to other workbooks, data connections or DDE formulas. What was found is named for the officer.

**At conversion** (`convert_to_pdf`, in `sandbox.py`, which says how the box is built), as the
second wall for whatever that check does not know about, LibreOffice runs under bubblewrap: no
network, no view of any file but the document, limits on time and memory. If bubblewrap cannot
start, conversion fails (closed): a document is never converted outside the box.
"""
from .package import PackageRefused, inspect_package  # noqa: F401
from .sandbox import (  # noqa: F401
    CONVERTER_VERSION, ConversionFailed, ConversionTimedOut, Limits, SandboxUnavailable, convert_to_pdf, run_sandboxed,
)
