"""Peak memory of a process tree, for the benches: the summed RSS of a process
and its descendants, sampled every 5 ms from /proc (getrusage cannot see
through bwrap's PID namespace)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


class PeakMemory:
    """`root`'s descendants (and `root` itself when `include_root`)."""

    def __init__(self, root: int | None = None, include_root: bool = True) -> None:
        self.root = os.getpid() if root is None else root
        self.include_root, self.peak_kib = include_root, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            pids = descendants(self.root) + ([self.root] if self.include_root else [])
            self.peak_kib = max(self.peak_kib, sum(rss_kib(pid) for pid in pids))


def descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
            parents[int(name)] = int(stat.rsplit(b")", 1)[1].split()[1])
        except (ValueError, OSError, IndexError):
            continue
    found, frontier = [], {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found += frontier
    return found


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
