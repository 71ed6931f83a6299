"""Runs INSIDE the sandbox child (trusted, before any learner code).

Imports only the standard library and nothing from dltutor: the child runs
under `python -I` with a scrubbed environment. Three jobs:

- `supervise()`: in the weaker (no bubblewrap) mode, the process forks once,
  before torch is imported. The parent half never runs learner code: it is a
  child subreaper, so every orphan the learner leaves (a `setsid` double fork
  included) is re-parented to it, and it SIGKILLs them all when the learner
  half ends or when the tutor sends SIGTERM. In bwrap mode the PID namespace
  does this instead.
- `set_limits()`: rlimits, set when the job arrives (so a warm child's idle
  time and torch import are not charged to the learner).
- `drop_to()`: when the tutor is root, the learner half becomes a fresh
  unprivileged uid (so RLIMIT_NPROC binds, and the tutor's files and
  processes are another user's); `isolate_network()`: the "landlock" mode's
  empty network namespace, made before torch starts any thread.
- `forbid()`: replaces forbidden library functions by ones that raise.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import resource
import shutil
import signal
import sys
import types
from collections.abc import Callable  # loaded already: child_main imports typing

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> None:
    ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _children() -> list[int]:
    """Direct children of this process, read from /proc."""
    me, found = os.getpid(), []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            found.append(int(name))
    return found


def _kill_all_descendants() -> None:
    # killing a child re-parents its children to us (we are a subreaper):
    # repeat until nothing is left, reaping as we go
    for _ in range(10_000):
        kids = _children()
        for pid in kids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            while os.waitpid(-1, os.WNOHANG if kids else 0)[0]:
                pass
        except ChildProcessError:
            if not kids:
                return


def supervise(tutor_pid: int, result_fd: int) -> None:
    """Fork; return in the child (which goes on to run the job); the parent
    supervises and never returns."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)  # the tutor died: clean up too
    if os.getppid() != tutor_pid:
        os._exit(70)
    workdir = os.getcwd()  # the tutor's temporary directory for this check
    pid = os.fork()
    if pid == 0:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the supervisor died: die too
        return
    for fd in (0, result_fd):  # only the learner half reads the job and writes results
        try:
            os.close(fd)
        except OSError:
            pass
    signal.signal(signal.SIGTERM, lambda *_: _end(workdir, 143))
    while True:
        try:
            done, status = os.waitpid(pid, 0)
        except ChildProcessError:
            _end(workdir, 71)
        if done == pid:
            break
    _end(workdir, 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))


def _end(workdir: str, code: int) -> None:
    """Kill what is left; remove the work dir too, in case the tutor died
    (SIGKILLed, it cannot); exit with `code`."""
    _kill_all_descendants()
    if os.path.basename(workdir).startswith("dltutor-box-"):
        shutil.rmtree(workdir, ignore_errors=True)
    os._exit(code)


def isolate_network() -> bool:
    """An empty network namespace (root needs no user namespace for it)."""
    from child_landlock import CLONE_NEWNET, _libc, unshare_network

    if os.geteuid() == 0:
        return _libc.unshare(CLONE_NEWNET) == 0
    return unshare_network()


# imported before the uid drop: the standard library may live where the
# new uid cannot read (a Python under /root), and a learner imports these
_STDLIB = (
    "math",
    "cmath",
    "random",
    "statistics",
    "itertools",
    "functools",
    "collections",
    "typing",
    "dataclasses",
    "copy",
    "operator",
    "heapq",
    "bisect",
    "fractions",
    "decimal",
    "numbers",
    "string",
    "re",
    "time",
    "warnings",
    "contextlib",
    "enum",
    "encodings.idna",
    "secrets",
    "json",
    "struct",
    "hashlib",
    "textwrap",
)


def drop_to(uid: int, processes: int) -> None:
    """Become `uid` (and gid `uid`, no groups) for good; RLIMIT_NPROC then
    counts only this check's tasks: ours now plus `processes` more."""
    for name in _STDLIB:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # a change of uid clears it
    if os.getppid() == 1:  # the supervisor died meanwhile
        os._exit(70)
    threads = len(os.listdir("/proc/self/task"))
    resource.setrlimit(resource.RLIMIT_NPROC, (threads + processes, threads + processes))


PR_CAPBSET_DROP, PR_SET_SECUREBITS = 24, 28
SECURE_NOROOT_ALL = 0x3F  # NOROOT, NO_SETUID_FIXUP, KEEP_CAPS_LOCKED... and their locks


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def drop_capabilities() -> None:
    """Stay uid 0 (the Python installation may be readable by root only) but
    with no capability at all, for good: no CAP_SYS_MODULE, CAP_SYS_ADMIN,
    CAP_DAC_OVERRIDE...; an exec cannot give them back (securebits)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_SECUREBITS, SECURE_NOROOT_ALL, 0, 0, 0)
    for cap in range(64):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
    if libc.capset(ctypes.byref(header), data) != 0:
        os._exit(74)


def set_limits(limits: dict) -> None:
    """CPU seconds from now, address space, file size, processes, no core files."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(usage.ru_utime + usage.ru_stime + limits["cpu_seconds"] + 0.999)
    # SIGXCPU at the soft limit; a learner who catches it is SIGKILLed a second later
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["nproc"], limits["nproc"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class ForbiddenFunctionError(RuntimeError):
    pass


def forbid(names: list[str], filename: str, hits: list[str]) -> None:
    """Replace each dotted name ("torch.nn.functional.softmax",
    "torch.Tensor.softmax") by a function that records the use and raises."""
    for name in names:
        owner, attr = _resolve_owner(name)
        if owner is None or not hasattr(owner, attr):
            continue
        try:
            setattr(owner, attr, _refuser(name, filename, hits))
        except (AttributeError, TypeError):  # a C type: the static scan must do
            pass


def _resolve_owner(name: str) -> tuple[object | None, str]:
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:-1]:
                obj = getattr(obj, part)
        except AttributeError:
            return None, parts[-1]
        return obj, parts[-1]
    return None, parts[-1]


def _refuser(name: str, filename: str, hits: list[str]) -> Callable[..., None]:
    def refuse(*args: object, **kwargs: object) -> None:
        frame: types.FrameType | None = sys._getframe(1)
        line = None
        while frame is not None and line is None:
            line = frame.f_lineno if frame.f_code.co_filename == filename else None
            frame = frame.f_back
        where = f"{filename}, line {line}: " if line else ""
        hits.append(f"{where}{name} is not allowed in this exercise; write it yourself")
        raise ForbiddenFunctionError(f"{name} is not allowed in this exercise")

    return refuse
