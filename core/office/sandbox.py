"""LibreOffice in a box: convert a Word or Excel appendix to PDF with no network and no view of
any file but the document itself.

The converter runs under bubblewrap with

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
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass

# Bumped when the box changes in a way that should redo earlier conversions: pack sections
# converted by an earlier (unsandboxed) converter may hold what a linked file pulled in.
CONVERTER_VERSION = "office-sandbox-1"

EXPORT_FILTERS = {"docx": "writer_pdf_Export", "xlsx": "calc_pdf_Export"}

# Read-only inside the box: programs and libraries, fonts and their cache, LibreOffice's own
# configuration, and the few files in /etc that the C library and fontconfig read.
READ_ONLY_PATHS = [
    "/usr", "/etc/libreoffice", "/etc/fonts", "/etc/ld.so.cache", "/etc/localtime", "/var/cache/fontconfig",
]
# On merged-/usr systems these are symlinks into /usr; elsewhere they are bound read-only.
TOP_LEVEL_LINKS = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]

# Seeded into the fresh profile: no macros, never update links, refuse links to untrusted places.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


class ConversionFailed(Exception):
    """LibreOffice could not turn the document into a PDF; the message says why, for the clerk."""


class ConversionTimedOut(ConversionFailed):
    pass


class SandboxUnavailable(ConversionFailed):
    pass


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 180
    cpu_seconds: int = 150
    memory_bytes: int = 2 << 30  # address space of each process
    output_bytes: int = 512 << 20  # the largest file it may write
    processes: int = 256  # threads count as processes for this limit

    @classmethod
    def from_settings(cls) -> "Limits":
        from django.conf import settings

        return cls(
            wall_seconds=settings.QUORUM_OFFICE_WALL_SECONDS,
            cpu_seconds=settings.QUORUM_OFFICE_CPU_SECONDS,
            memory_bytes=settings.QUORUM_OFFICE_MEMORY_BYTES,
        )


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConversionFailed("LibreOffice (soffice) is not installed")
    return os.path.realpath(found)


def _bwrap() -> str:
    found = shutil.which("bwrap")
    if not found:
        raise SandboxUnavailable(
            "the sandbox for LibreOffice (bubblewrap, Debian package “bubblewrap”) is not installed; "
            "office documents are not converted without it"
        )
    return found


def _visible(path: str, bound: list[str]) -> bool:
    path = os.path.realpath(path)
    return any(path == b or path.startswith(b.rstrip("/") + "/") for b in bound)


def sandbox_command(workdir: str, command: list[str], limits: Limits) -> tuple[list[str], list[str]]:
    """The bubblewrap + prlimit command line that runs `command` with only `workdir` writable,
    and the host paths it makes readable."""
    bound = [p for p in READ_ONLY_PATHS if os.path.exists(p)]
    args = [
        _bwrap(),
        "--unshare-all",  # user, IPC, PID, network, UTS and cgroup namespaces
        "--uid", "65534", "--gid", "65534",  # nobody inside the box
        "--die-with-parent", "--new-session",
        "--hostname", "sandbox",
        "--clearenv",
        "--setenv", "PATH", "/usr/bin:/bin",
        "--setenv", "HOME", workdir,
        "--setenv", "TMPDIR", workdir,
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "SAL_USE_VCLPLUGIN", "svp",
        "--proc", "/proc",
        "--dev", "/dev",
        "--tmpfs", "/tmp",
    ]
    for path in bound:
        args += ["--ro-bind", path, path]
    for link in TOP_LEVEL_LINKS:
        if os.path.islink(link):
            args += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
            bound.append(link)
    # Bound at its own (unique) path, so each conversion's processes can be told apart from outside.
    args += ["--bind", workdir, workdir, "--chdir", workdir, "--"]
    limit_args = [
        shutil.which("prlimit") or "/usr/bin/prlimit",
        f"--cpu={limits.cpu_seconds}", f"--as={limits.memory_bytes}", f"--fsize={limits.output_bytes}",
        f"--nproc={limits.processes}", "--core=0", "--",
    ]
    return args + limit_args + command, bound


def _assert_private(bound: list[str]) -> None:
    """Refuse to run if the media folder or the code would be readable inside the box."""
    from django.conf import settings

    for name, path in (("the media folder", settings.MEDIA_ROOT), ("the code", settings.BASE_DIR)):
        if path and _visible(str(path), bound):
            raise SandboxUnavailable(f"{name} ({path}) lies inside a folder the converter can read; move it")


def run_sandboxed(command: list[str], workdir: str, limits: Limits) -> subprocess.CompletedProcess:
    """Run `command` in the box with `workdir` as its only writable folder, within `limits`.

    Raises ConversionTimedOut after `limits.wall_seconds`, having killed everything it started.
    """
    full, bound = sandbox_command(workdir, command, limits)
    _assert_private(bound)
    # Its own process group, so a timeout kills the launcher and all it started together; bwrap's
    # PID namespace ends with it (--die-with-parent), taking any process that left the group.
    process = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, close_fds=True)
    try:
        out, err = process.communicate(timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionTimedOut(f"LibreOffice took longer than {limits.wall_seconds:g} seconds and was stopped")
    except BaseException:
        _kill_group(process)
        raise
    _kill_group(process)  # anything it left running
    return subprocess.CompletedProcess(full, process.returncode, out, err)


def convert_to_pdf(data: bytes, extension: str, *, limits: Limits | None = None) -> bytes:
    """Convert a .docx or .xlsx to a tagged PDF inside the sandbox and return the PDF's bytes.

    Raises ConversionFailed (or ConversionTimedOut, SandboxUnavailable) with a message for the clerk.
    """
    if extension not in EXPORT_FILTERS:
        raise ConversionFailed(f"“.{extension}” documents are not converted")
    limits = limits or Limits.from_settings()
    if extension == "xlsx":
        from core.office.print_setup import print_ready_xlsx

        data = print_ready_xlsx(data)  # landscape, fit to width, header row repeated, sheet names
    soffice = _soffice()
    workdir = tempfile.mkdtemp(prefix="quorum-office-")
    try:
        os.chmod(workdir, 0o700)
        source = os.path.join(workdir, f"appendix.{extension}")
        with open(source, "wb") as f:
            f.write(data)
        profile = os.path.join(workdir, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE_SETTINGS)
        target = f'pdf:{EXPORT_FILTERS[extension]}:{{"UseTaggedPDF":{{"type":"boolean","value":"true"}}}}'
        done = run_sandboxed([
            soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
            "--nolockcheck", "--nodefault", "--convert-to", target, "--outdir", workdir, source,
        ], workdir, limits)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).decode(errors="replace").strip()[-300:]
            if done.returncode in (-signal.SIGKILL, -signal.SIGXCPU, 128 + signal.SIGKILL, 128 + signal.SIGXCPU):
                raise ConversionFailed("LibreOffice ran out of its time or memory allowance and was stopped")
            if detail.startswith("bwrap:"):
                raise SandboxUnavailable(f"the sandbox for LibreOffice could not start ({detail})")
            raise ConversionFailed(f"LibreOffice could not convert it ({detail or f'exit status {done.returncode}'})")
        output = os.path.join(workdir, "appendix.pdf")
        if not os.path.exists(output):
            raise ConversionFailed("LibreOffice produced no PDF (the document may be damaged)")
        with open(output, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.communicate(timeout=30)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        process.kill()
        process.wait()
