"""Which isolation is available, and the command line that applies it.

"bwrap": bubblewrap with every namespace unshared (network included), the
  learner as uid 65534 with no capabilities and no further user namespaces,
  a read-only view of just the Python installation (/usr, the interpreter's
  prefix, the venv and the site-packages holding numpy and torch), a fresh
  size-capped tmpfs /tmp as the working directory, minimal /dev and a /proc
  of its own PID namespace. `--die-with-parent` plus the PID namespace mean
  that nothing the learner starts outlives the check.
"rlimits-only": the weaker mode where bubblewrap does not work: its own
  session and process group, a supervisor that reaps and kills every
  descendant (setsid orphans included), rlimits, a scrubbed environment, a
  temporary working directory and HOME (removed afterwards). It does NOT
  stop reading or writing files elsewhere that the tutor's user can reach
  (the built-in bank's references included), nor network use, nor the
  learner's code from signalling the tutor's other processes or killing
  its own supervisor (after which its orphans would survive).

Both modes: rlimits are per process (a learner's N processes may use N
times the memory); RLIMIT_NPROC counts all processes of the real user and
is ignored by the kernel for root, so `Limits.processes` binds only for an
ordinary user; the wall clock and the final kill bound everything else.

`DLTUTOR_SANDBOX=bwrap|rlimits-only` forces a mode (tests use it).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from dltutor.errors import SandboxError

HERE = Path(__file__).resolve().parent
CHILD_DIR = "/sandbox"  # where HERE is bound inside bwrap
MODES = ("bwrap", "rlimits-only")
WEAK_NOTICE = ("bubblewrap (bwrap) is not available here, so code answers run with "
               "resource limits only: no filesystem or network isolation")
_notice_given = False


@functools.cache
def _bwrap_options() -> str:
    """bwrap's --help text: older versions lack --disable-userns and --size."""
    try:
        return subprocess.run([shutil.which("bwrap") or "bwrap", "--help"], capture_output=True,
                              text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


@functools.cache
def _bwrap_works() -> bool:
    exe = shutil.which("bwrap")
    if exe is None:
        return False
    argv = bwrap_argv(exe, 1 << 20) + [sys.executable, "-I", "-S", "-c", "pass"]
    try:
        return subprocess.run(argv, env=child_env("/tmp"), stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def isolation_mode(requested: str | None = None) -> str:
    """"bwrap" or "rlimits-only": the requested mode, DLTUTOR_SANDBOX, or the
    best that works here (probed once per process)."""
    mode = requested or os.environ.get("DLTUTOR_SANDBOX") or None
    if mode not in (None, *MODES):
        raise SandboxError(f"unknown sandbox mode {mode!r}; use one of {', '.join(MODES)}")
    if mode == "bwrap" and not _bwrap_works():
        raise SandboxError("the bwrap sandbox was requested but bubblewrap does not work here")
    return mode or ("bwrap" if _bwrap_works() else "rlimits-only")


def isolation_notice() -> str | None:
    """The weaker-mode warning, the first time it applies in this process."""
    global _notice_given
    if _notice_given or isolation_mode() == "bwrap":
        return None
    _notice_given = True
    return WEAK_NOTICE


def child_env(home: str) -> dict[str, str]:
    """Everything the child's environment holds: nothing of the tutor's."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": home,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def _python_paths() -> list[Path]:
    """What the interpreter needs, read-only: its prefixes and the dirs of numpy/torch."""
    paths = [Path(p) for p in {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}]
    paths.append(Path(os.path.realpath(sys.executable)).parent.parent)
    for name in ("numpy", "torch"):
        spec = importlib.util.find_spec(name)  # finds, does not import
        if spec is not None and spec.origin:
            paths.append(Path(spec.origin).resolve().parent.parent)
    return paths


def bwrap_argv(exe: str, tmp_bytes: int) -> list[str]:
    known = _bwrap_options()
    argv = [exe, "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
            "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"]
    if "--disable-userns" in known:  # bwrap >= 0.8: no user namespaces inside
        argv.append("--disable-userns")
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    argv += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    # the writable tmpfs goes first: a Python installed under /tmp (a CI clone,
    # a throwaway venv) is then bound on top of it instead of hidden beneath it
    if "--size" in known:  # bwrap >= 0.5: cap the writable tmpfs too
        argv += ["--size", str(tmp_bytes)]
    argv += ["--tmpfs", "/tmp"]
    bound: list[Path] = [Path("/usr")]
    for path in sorted(set(_python_paths()), key=lambda p: len(p.parts)):
        if path.is_dir() and not any(path.is_relative_to(b) for b in bound):
            argv += ["--ro-bind", str(path), str(path)]
            bound.append(path)
    argv += ["--ro-bind", str(HERE), CHILD_DIR, "--proc", "/proc", "--dev", "/dev"]
    argv += ["--remount-ro", "/", "--chdir", "/tmp"]
    return argv


def child_argv(mode: str, result_fd: int, file_bytes: int, prewarm: bool) -> list[str]:
    """The full command line of a sandbox child for `mode`."""
    if mode == "bwrap":
        prefix = bwrap_argv(shutil.which("bwrap") or "bwrap", file_bytes)
        script = f"{CHILD_DIR}/child_main.py"
    else:
        prefix, script = [], str(HERE / "child_main.py")
    return prefix + [sys.executable, "-I", "-B", script, str(result_fd), mode, str(os.getpid()),
                     "1" if prewarm else "0"]


def user_process_count() -> int:
    """Processes of our real uid: RLIMIT_NPROC counts them all, so the
    learner's allowance is added on top."""
    uid, count = os.getuid(), 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                count += os.stat(f"/proc/{name}").st_uid == uid
            except OSError:
                pass
    return count
