"""Word and Excel appendices made inert: what is refused at upload, and LibreOffice in a box.

**At upload** (`inspect_package`, called by `core.uploads.check_appendix`) a .docx/.xlsx must be a
sound zip (sizes and compression ratios read from the zip directory, then counted while streaming,
never inflated whole) whose XML parts all parse without DTDs or entities, and must pull nothing in
from elsewhere: no external relationships (bar ordinary web and e-mail hyperlinks), no linked
pictures, no INCLUDEPICTURE/INCLUDETEXT/LINK/DDE fields, no OLE objects, macros, ActiveX controls,
links to other workbooks, data connections or DDE formulas. What was found is named for the officer.

**At conversion** (`convert_to_pdf`), as the second wall for whatever that check does not know
about, LibreOffice runs under bubblewrap with

- no network: its own network namespace, holding only a loopback of its own, so a linked picture
  at ``http://127.0.0.1:…`` or an intranet address reaches nothing;
- only its own temporary folder readable and writable (the document, its profile, the output),
  with the system's programs, fonts and LibreOffice's own configuration read-only, and nothing
  else: not the media folder (other reports' appendices), not the code, not /home, /root or /work;
- its own user, PID, IPC and UTS namespaces, no capabilities, and a fresh LibreOffice profile
  with macros disabled and link updates off;
- CPU-time, address-space, file-size and process limits (`prlimit`), and a wall-clock limit after
  which the whole process group is killed; the sandbox's PID namespace dies with it, so no
  ``soffice.bin`` is left behind.

If bubblewrap cannot start, conversion fails (closed): a document is never converted outside the box.
"""
from .package import PackageRefused, inspect_package  # noqa: F401
from .sandbox import (  # noqa: F401
    CONVERTER_VERSION, ConversionFailed, ConversionTimedOut, Limits, SandboxUnavailable, convert_to_pdf, run_sandboxed,
)
