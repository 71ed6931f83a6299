"""A cgroup per check, where the tutor may make one: the memory and the
number of tasks of the child's whole tree bounded, not just each process's.

rlimits are per process: N processes may use N times RLIMIT_AS, and as root
RLIMIT_NPROC does not bind. Where a cgroup can be made beneath the tutor's
own (root, cgroup v1 or v2 with the memory and pids controllers), each check
gets one with `memory` = Limits.memory_bytes + MEMORY_MARGIN for the whole
tree (page cache is charged too: at exactly the per-process limit, a memory
bomb thrashes in reclaim instead of meeting its MemoryError) and `pids` =
Limits.processes + TASK_MARGIN (torch's threads count as tasks). The
child is moved in by a one-line shell before anything else runs, so every
descendant is inside. Where none can be made, nothing changes (SECURITY.md).
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
TASK_MARGIN = 64
MEMORY_MARGIN = 512 << 20
_counter = itertools.count()
# join every group named after "--", then run the rest; exit 75 if one refuses
JOIN = (
    'for d; do [ "$d" = -- ] && break; echo $$ > "$d/cgroup.procs" || exit 75; shift; done; shift; exec "$@"'
)


def _own(controller: str) -> Path | None:
    """Our own cgroup folder for `controller` (v1), or the unified one (v2)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, names, path = line.split(":", 2)
        if controller in names.split(",") and (ROOT / controller).is_dir():
            return ROOT / controller / path.lstrip("/")
        if names == "" and (ROOT / "cgroup.controllers").is_file():
            return ROOT / path.lstrip("/")
    return None


class Group:
    """The cgroup(s) of one check; `.dirs` is empty where none could be made."""

    def __init__(self, memory_bytes: int, processes: int) -> None:
        self.dirs: list[Path] = []
        if os.geteuid() != 0:
            return
        name = f"dltutor-{os.getpid()}-{next(_counter)}"
        memory_bytes += MEMORY_MARGIN
        settings = {
            "memory": {"memory.limit_in_bytes": memory_bytes, "memory.max": memory_bytes},
            "pids": {"pids.max": processes + TASK_MARGIN},
        }
        try:
            for controller, files in settings.items():
                parent = _own(controller)
                if parent is None:
                    raise OSError(f"no {controller} cgroup")
                folder = parent / name
                if folder not in self.dirs:
                    folder.mkdir()
                    self.dirs.append(folder)
                written = [f for f, v in files.items() if _write(folder / f, v)]
                if not written:
                    raise OSError(f"cannot limit {controller}")
        except OSError:
            self.remove(0)

    def wrap(self, argv: list[str]) -> list[str]:
        if not self.dirs:
            return argv
        return ["/bin/sh", "-c", JOIN, "sh", *map(str, self.dirs), "--", *argv]

    def remove(self, seconds: float = 2.0) -> None:
        """Remove the groups once their (killed) tasks are gone."""
        end = time.monotonic() + seconds
        for folder in reversed(self.dirs):
            while True:
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > end:
                        break
                    time.sleep(0.01)
        self.dirs = []


def _write(path: Path, value: int) -> bool:
    try:
        path.write_text(str(value))
        return True
    except OSError:
        return False
