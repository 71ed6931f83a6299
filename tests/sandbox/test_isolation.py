"""What each mode keeps out of a learner's reach (SECURITY.md's table).

One hostile function tries everything and prints what worked; the tutor
side asserts per mode. rlimits-only promises these only when the tutor is
root (its learner then runs as a fresh uid)."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

import dltutor
from dltutor.codecheck import cache
from dltutor.sandbox import Limits
from tests.sandbox.helpers import CONFINING, MODES, SOFTMAX_CALL, TEST_LIMITS, WEAK, marker, running_with

AS_ROOT = pytest.param(
    WEAK, marks=pytest.mark.skipif(os.geteuid() != 0, reason="rlimits-only confines nothing for a plain user")
)
ATTACK = """
import json, os, socket
def attempt(action):
    try:
        action()
        return True
    except Exception:
        return False
def read(path):
    return lambda: open(path, "rb").read(1)
def write(path):
    return lambda: open(path, "a").write("pwned")
def softmax(x, dim):
    tries = {{
        "passwd": read("/etc/passwd"),
        "tutor environ": read("/proc/{tutor}/environ"),
        "private file": read({private!r}),
        "cache key": read({key!r}),
        "dltutor source": read({package!r}),
        "write dltutor": write({package!r}),
        "write private": write({private!r}),
        "write tmp": write({outside!r}),
        "tcp": lambda: socket.create_connection(("127.0.0.1", {port}), 1),
        "signal tutor": lambda: os.kill({tutor}, 0),
    }}
    print(json.dumps({{name: attempt(action) for name, action in tries.items()}}))
    return x
"""
EVERY_MODE = {"tutor environ", "private file", "cache key", "write dltutor", "write private", "signal tutor"}
# "write tmp" succeeds in bwrap: its /tmp is the child's own tmpfs; what
# counts is that nothing appears in the real /tmp
CONFINED = EVERY_MODE | {"passwd", "dltutor source", "tcp"}


@pytest.fixture
def attack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "progress.sqlite").write_text("the tutor's own")
    monkeypatch.setenv("DLTUTOR_CACHE", str(private / "cache"))
    assert cache._key() is not None  # made, 0600, in a 0700 folder
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    outside = f"/tmp/dltutor-isolation-{marker()}"
    source = ATTACK.format(
        tutor=os.getpid(),
        private=str(private / "progress.sqlite"),
        key=str(private / "cache" / "key"),
        package=dltutor.__file__,
        outside=outside,
        port=server.getsockname()[1],
    )
    before = Path(dltutor.__file__).read_bytes()
    yield source, Path(outside)
    server.close()
    assert Path(dltutor.__file__).read_bytes() == before
    assert (private / "progress.sqlite").read_text() == "the tutor's own"
    Path(outside).unlink(missing_ok=True)


def worked(result) -> set[str]:
    assert result.status == "ok", result.message
    return {name for name, ok in json.loads(result.output.strip().splitlines()[-1]).items() if ok}


@pytest.mark.parametrize("mode", CONFINING)
def test_a_confining_mode_keeps_files_network_and_the_tutor_out_of_reach(run, attack, mode):
    source, outside = attack
    assert worked(run(mode, source, [SOFTMAX_CALL])) & CONFINED == set()
    assert not outside.exists()


@pytest.mark.parametrize("mode", [AS_ROOT])
def test_rlimits_only_as_root_keeps_the_tutors_files_and_processes_out_of_reach(run, attack, mode):
    assert worked(run(mode, attack[0], [SOFTMAX_CALL])) & EVERY_MODE == set()


@pytest.mark.parametrize("mode", [*CONFINING, AS_ROOT])
def test_killing_the_supervisor_leaves_nothing_behind(run, mode: str) -> None:
    token = marker()
    source = f"""
import os, signal, time
def softmax(x, dim):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "{token}"])
        os._exit(0)
    time.sleep(0.2)
    for target in (os.getppid(), 1):
        try:
            os.kill(target, signal.SIGKILL)
        except OSError:
            pass
    return x
"""
    result = run(mode, source, [SOFTMAX_CALL])
    assert result.status == "ok"  # the supervisor survived to report it
    assert running_with(token, wait=60) == []  # polled: a busy machine reaps slowly


def _cgroups_work() -> bool:
    from dltutor.sandbox.cgroup import Group

    group = Group(1 << 30, 8)
    made = bool(group.dirs)
    group.remove()
    return made


@pytest.mark.skipif(not _cgroups_work(), reason="no cgroup can be made here")
@pytest.mark.parametrize("mode", MODES)
def test_memory_is_bounded_for_the_whole_tree(run, mode: str) -> None:
    """Four children of 500 MB each stay under the per-process limit
    (1.25 GiB) but not under the whole tree's (1.75 GiB)."""
    source = """
import os, time
def softmax(x, dim):
    kids = []
    for _ in range(4):
        pid = os.fork()
        if pid == 0:
            hoard = b"\\1" * (500 << 20)
            time.sleep(1.5)
            os._exit(0)
        kids.append(pid)
    fine = sum(os.waitpid(pid, 0)[1] == 0 for pid in kids)
    print("children that finished:", fine)
    return x
"""
    limits = Limits(**{**TEST_LIMITS.__dict__, "wall_seconds": 20, "cpu_seconds": 10})
    result = run(mode, source, [SOFTMAX_CALL], limits=limits)
    assert "children that finished: 4" not in result.output
