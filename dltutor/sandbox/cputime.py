"""CPU time used by a process and everything it started, read from /proc.

A sandbox child that is slow to start on a busy machine is still working; a
stuck one is not. The start window (warm.py) is extended while this figure
grows, so a loaded machine gets a slow verdict rather than "did not start".
A process that cannot be read counts nothing (the window then simply ends).
"""

from __future__ import annotations

import os

_TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(root: int) -> float:
    """User and system time of `root` and its descendants (reaped ones included)."""
    parent_of, seconds = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()  # the name may hold spaces
        except OSError:
            continue
        # after the name: state, ppid, ..., utime, stime, cutime, cstime (fields 14-17)
        parent_of[int(name)] = int(fields[1])
        seconds[int(name)] = sum(int(ticks) for ticks in fields[11:15]) / _TICKS
    children: dict[int, list[int]] = {}
    for pid, parent in parent_of.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += seconds.get(pid, 0.0)
        todo += children.get(pid, [])
    return total
