"""Which isolation is available, and how a child is started in it.

Three modes, strongest first; SECURITY.md says what each one stops.

"bwrap": bubblewrap (bwrapcmd.py): every namespace unshared (network
  included), a read-only view of just the Python installation without
  dltutor, a size-capped tmpfs working directory, its own PID namespace;
  `--die-with-parent` and the PID namespace mean nothing the learner starts
  outlives the check.
"landlock": where bwrap does not work but the kernel has Landlock: the
  learner half of the child drops to an unprivileged uid (when the tutor
  is root), moves into empty user and network namespaces, and is Landlocked
  (child_landlock.py) to read only the Python installation and write only
  its working directory, with no TCP and no signals out of its domain.
"rlimits-only": the last resort: rlimits, the uid drop when root, a
  scrubbed environment and a temporary directory. It does NOT stop reading
  or writing what that uid may reach, nor network use.

In the two weaker modes a supervisor (child_guard.supervise) that runs no
learner code reaps and kills every descendant at the end.

`DLTUTOR_SANDBOX=bwrap|landlock|rlimits-only` forces a mode (tests use it).
"""

from __future__ import annotations

import functools
import os
import secrets
import subprocess
import sys

from dltutor.errors import SandboxError
from dltutor.sandbox import bwrapcmd, paths
from dltutor.sandbox.bwrapcmd import CHILD_DIR, HERE

MODES = ("bwrap", "landlock", "rlimits-only")
WEAK_MODES = ("landlock", "rlimits-only")
NOTICES = {
    "landlock": "bubblewrap (bwrap) is not available here, so code answers run in the "
    "Landlock sandbox: files and network are confined, but memory and processes "
    "are limited per process only",
    "rlimits-only": "no sandbox (bubblewrap or Landlock) works here, so code answers run "
    "with resource limits only: no filesystem or network isolation",
}
# the uids the learner runs as when the tutor is root: one per check, unused
# by any account, so its files and processes are nobody else's
UID_RANGE = (1 << 30, 1 << 31)
_notice_given = False


@functools.cache
def _bwrap_works() -> bool:
    exe = bwrapcmd.executable()
    if exe is None:
        return False
    argv = [*bwrapcmd.argv(exe, 1 << 20), sys.executable, "-I", "-S", "-c", "pass"]
    try:
        return (
            subprocess.run(
                argv,
                env=child_env("/tmp"),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=20,
                check=False,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


@functools.cache
def _landlock_works() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    from dltutor.sandbox.child_landlock import probe

    return probe() > 0


def _works(mode: str) -> bool:
    return {"bwrap": _bwrap_works, "landlock": _landlock_works}.get(mode, lambda: True)()


def isolation_mode(requested: str | None = None) -> str:
    """One of MODES: the requested mode, DLTUTOR_SANDBOX, or the strongest
    that works here (probed once per process)."""
    mode = requested or os.environ.get("DLTUTOR_SANDBOX") or None
    if mode not in (None, *MODES):
        raise SandboxError(f"unknown sandbox mode {mode!r}; use one of {', '.join(MODES)}")
    if mode is not None and not _works(mode):
        raise SandboxError(f"the {mode} sandbox was requested but does not work here")
    return mode or next(m for m in MODES if _works(m))


def isolation_notice() -> str | None:
    """The weaker-mode warning, the first time it applies in this process."""
    global _notice_given
    notice = NOTICES.get(isolation_mode())
    if _notice_given or notice is None:
        return None
    _notice_given = True
    return notice


def child_env(home: str) -> dict[str, str]:
    """Everything the child's environment holds: nothing of the tutor's."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }


def learner_uid(mode: str) -> int | None:
    """The uid a weak-mode learner drops to: a fresh one when we are root.
    Where that uid could not load the standard library (a Python under
    /root), Landlock alone confines the learner; rlimits-only drops anyway
    (it has nothing else), with the common modules imported beforehand."""
    if os.geteuid() != 0 or (mode == "landlock" and not paths.others_can_read_python()):
        return None
    return secrets.randbelow(UID_RANGE[1] - UID_RANGE[0]) + UID_RANGE[0]


def child_argv(mode: str, result_fd: int, file_bytes: int, prewarm: str, uid: int | None = None) -> list[str]:
    """The full command line of a sandbox child for `mode`; `prewarm` is
    child_main's PREWARM ("0", "1" or "train")."""
    if mode == "bwrap":
        prefix = bwrapcmd.argv(bwrapcmd.executable() or "bwrap", file_bytes)
        script = f"{CHILD_DIR}/child_main.py"
    else:
        prefix, script = [], str(HERE / "child_main.py")
    return [
        *prefix,
        sys.executable,
        "-I",
        "-B",
        script,
        str(result_fd),
        mode,
        str(os.getpid()),
        prewarm,
        "" if uid is None else str(uid),
    ]


def confinement(workdir: str) -> dict[str, list[str]]:
    """What a Landlocked learner may read, write and use as a device."""
    # /proc/self, not /proc: as the same uid, another process's environ
    # stays readable under Landlock (its mem does not)
    proc = ["/proc/self", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat"]
    return {
        "readable": [*paths.readable(), *proc],
        "writable": [workdir],
        "devices": ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"],
    }


def process_count(uid: int) -> int:
    """Processes (threads count too) of `uid`: RLIMIT_NPROC counts them all,
    so the learner's allowance is added on top."""
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                count += os.stat(f"/proc/{name}").st_uid == uid
            except OSError:
                pass
    return count
