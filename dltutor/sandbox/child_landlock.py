"""Runs INSIDE the sandbox child (trusted, before any learner code): the
"landlock" mode's confinement, with the standard library and ctypes only.

`confine(readable, writable)` applies, to this process and everything it
starts later, whatever the kernel allows of:

- a new user and network namespace (no interface but a loopback that is
  down: no TCP, UDP or abstract unix socket reaches anything outside);
- Landlock (Linux >= 5.13): files may be read and executed only beneath
  `readable`, written only beneath `writable`; TCP bind/connect refused
  (ABI >= 4); no signal to, and no abstract socket of, a process outside
  this domain (ABI >= 6) — the tutor and the supervisor are outside. A
  Landlocked process cannot ptrace (so cannot read /proc/PID/mem or
  environ of) a process outside its domain either.

Returns the Landlock ABI in force (0: none). `probe()` says what the kernel
offers without confining anything.
"""

from __future__ import annotations

import ctypes
import os

SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446  # same on every arch
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
WRITE_TREE = sum(1 << bit for bit in range(4, 13))  # remove, make dir/reg/sock/fifo/sym...
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX, SCOPE_SIGNAL = 1 << 0, 1 << 1


class _Ruleset(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def probe() -> int:
    """The Landlock ABI version the kernel offers (0: none)."""
    version = _libc.syscall(
        ctypes.c_long(SYS_CREATE_RULESET), None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION)
    )
    return max(0, int(version))


def unshare_network() -> bool:
    """A user namespace (needed to make a network one without privileges)
    and an empty network namespace. False if the kernel refuses."""
    return _libc.unshare(ctypes.c_int(CLONE_NEWUSER | CLONE_NEWNET)) == 0


def _fs_rights(abi: int) -> tuple[int, int]:
    """(everything handled, read+execute) for this ABI."""
    handled = EXECUTE | WRITE_FILE | READ_FILE | READ_DIR | WRITE_TREE
    handled |= REFER if abi >= 2 else 0
    handled |= TRUNCATE if abi >= 3 else 0
    handled |= IOCTL_DEV if abi >= 5 else 0
    return handled, EXECUTE | READ_FILE | READ_DIR


def confine(readable: list[str], writable: list[str], devices: list[str]) -> int:
    """Landlock this process (see the module docstring); the ABI used, 0 if none."""
    abi = probe()
    if abi <= 0:
        return 0
    handled, read = _fs_rights(abi)
    attr = _Ruleset(
        handled,
        NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0,
        SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL if abi >= 6 else 0,
    )
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = _libc.syscall(
        ctypes.c_long(SYS_CREATE_RULESET), ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)
    )
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        for paths, rights in ((readable, read), (writable, handled), (devices, READ_FILE | WRITE_FILE)):
            for path in paths:
                _allow(int(ruleset), path, rights, handled)
        if (
            _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            or _libc.syscall(ctypes.c_long(SYS_RESTRICT_SELF), ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0
        ):
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(int(ruleset))
    return abi


def _allow(ruleset: int, path: str, rights: int, handled: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a path this machine does not have
    try:
        if not os.path.isdir(path):  # a file takes file rights only
            rights &= EXECUTE | READ_FILE | WRITE_FILE | TRUNCATE | IOCTL_DEV
        rule = _PathBeneath(rights & handled, fd)
        if _libc.syscall(
            ctypes.c_long(SYS_ADD_RULE),
            ctypes.c_int(ruleset),
            ctypes.c_int(RULE_PATH_BENEATH),
            ctypes.byref(rule),
            ctypes.c_uint32(0),
        ):
            raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
    finally:
        os.close(fd)
