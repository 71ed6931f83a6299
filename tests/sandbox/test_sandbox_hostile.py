"""Hostile code: each attempt ends as a failure within the limits, with no
process of the learner's left and the tutor unharmed. `passes_softmax` is
what a grader concludes: the tutor compares the arrays, never the child."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from dltutor.sandbox import Call, Limits
from tests.sandbox.helpers import (
    BEST,
    MODES,
    SOFTMAX_CALL,
    TEST_LIMITS,
    WEAK,
    X,
    gone,
    marker,
    needs_bwrap,
    passes_softmax,
    running_with,
)

LONG_WALL = Limits(**{**TEST_LIMITS.__dict__, "wall_seconds": 30})
EXITS = [
    pytest.param("bwrap", "os._exit(0)", marks=needs_bwrap),
    (WEAK, "os._exit(0)"),
    (BEST, "sys.exit(0)"),
]


def check(run, mode: str, source: str, limits: Limits = TEST_LIMITS):
    result = run(mode, source, [SOFTMAX_CALL], limits=limits)
    # from the job's arrival to a verdict with everything killed and reaped
    assert result.seconds < limits.wall_seconds + 3
    assert not passes_softmax(result)
    return result


@pytest.mark.parametrize("mode", MODES)
def test_endless_loop_hits_the_cpu_limit(run, mode: str) -> None:
    # a long wall clock, so that the CPU limit ends it even on a busy machine
    result = check(run, mode, "def softmax(x, dim):\n    while True:\n        pass\n", LONG_WALL)
    assert result.status == "timeout" and "CPU" in result.message


@pytest.mark.parametrize("mode", MODES)
def test_ignoring_sigxcpu_does_not_help(run, mode: str) -> None:
    source = (
        "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\n"
        "def softmax(x, dim):\n    while True:\n        pass\n"
    )
    result = check(run, mode, source)  # SIGKILL at the hard limit, or the wall clock
    assert result.status in ("crashed", "timeout")


@pytest.mark.parametrize("mode", MODES)
def test_long_sleep_hits_the_wall_clock(run, mode: str) -> None:
    result = check(run, mode, "import time\ndef softmax(x, dim):\n    time.sleep(1000)\n")
    assert result.status == "timeout" and "still running" in result.message


@pytest.mark.parametrize("mode", MODES)
def test_memory_bomb(run, mode: str) -> None:
    source = (
        "def softmax(x, dim):\n    hoard = []\n    while True:\n        hoard.append(bytearray(64 << 20))\n"
    )
    # a long wall clock: on a busy machine the hoarding is slow, and the memory
    # limit must still be what ends it
    result = check(run, mode, source, LONG_WALL)
    assert result.status == "memory" and "MemoryError" in result.cases[0].error


def test_torch_memory_bomb(run) -> None:
    result = check(run, BEST, "import torch\ndef softmax(x, dim):\n    return torch.ones(1 << 34)\n")
    assert result.status == "memory"


@pytest.mark.parametrize("mode", MODES)
def test_bounded_fork_flood_is_cleaned_up(run, mode: str) -> None:
    token = marker()
    source = f"""
import os
def softmax(x, dim):
    for _ in range(50):
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "{token}"])
    while True:
        os.wait()
"""
    result = check(run, mode, source)
    # as root the kernel ignores RLIMIT_NPROC, so the forks succeed and the wall clock ends it
    assert result.status == "timeout" or "BlockingIOError" in (result.cases[0].error or "")
    assert running_with(token) == []


@pytest.mark.parametrize("mode", MODES)
def test_setsid_double_fork_does_not_outlive_the_check(run, mode: str) -> None:
    token = marker()
    source = f"""
import os, time
def softmax(x, dim):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "{token}"])
        os._exit(0)
    time.sleep(0.3)
    return x
"""
    result = check(run, mode, source)
    assert result.status == "ok"  # it returned (a wrong answer), and yet:
    assert running_with(token) == []


@pytest.mark.parametrize("mode", MODES)
def test_endless_output_is_cut(run, mode: str) -> None:
    result = check(run, mode, "def softmax(x, dim):\n    while True:\n        print('spam' * 1000)\n")
    assert result.status == "output-limit"
    assert len(result.output) <= TEST_LIMITS.output_bytes


def test_endless_stderr_and_file_writes_are_cut(run) -> None:
    result = check(run, BEST, "import sys\nwhile True:\n    sys.stderr.write('x' * 4096)\n")
    assert result.status == "output-limit"
    source = (
        "def softmax(x, dim):\n    with open('big', 'wb') as f:\n        while True:\n"
        "            f.write(bytes(1 << 20))\n"
    )
    for mode in {BEST, WEAK}:
        result = check(run, mode, source)
        assert not result.cases[0].ok


def test_huge_results_are_refused(run) -> None:
    limits = Limits(**{**TEST_LIMITS.__dict__, "result_bytes": 1 << 20})
    result = check(
        run, BEST, "import torch\ndef softmax(x, dim):\n    return torch.zeros(1 << 20)\n", limits=limits
    )
    assert result.status == "output-limit" and "MiB" in result.message


@needs_bwrap
@pytest.mark.parametrize("where", ["/work/main/PWNED", "/PWNED", "/usr/PWNED", "~/PWNED"])
def test_bwrap_files_outside_the_work_dir_are_read_only(run, where: str) -> None:
    source = f"""
import os
def softmax(x, dim):
    with open(os.path.expanduser("{where}"), "w") as f:
        f.write("pwned")
    return x
"""
    result = check(run, BEST, source)
    if where.startswith("~"):  # HOME is the private tmpfs: allowed, and gone afterwards
        assert result.status == "ok"
    else:
        # read-only where the path is bound, missing where it is not (the repo is
        # only visible when the venv lives in it): an OSError either way
        error = result.cases[0].error
        assert any(
            kind in error for kind in ("Read-only", "OSError", "FileNotFoundError", "PermissionError")
        ), error
    for path in ("/work/main/PWNED", "/PWNED", "/usr/PWNED", os.path.expanduser("~/PWNED")):
        assert not Path(path).exists()


def test_weak_mode_home_and_cwd_are_a_temporary_directory(run) -> None:
    source = """
import os
def softmax(x, dim):
    for path in ("~/PWNED", "PWNED"):
        with open(os.path.expanduser(path), "w") as f:
            f.write("pwned")
    print(os.getcwd())
    return x
"""
    result = check(run, WEAK, source)
    workdir = result.output.strip()
    assert result.status == "ok" and "dltutor-box-" in workdir
    assert not Path(workdir).exists()  # removed with everything in it
    assert not Path(os.path.expanduser("~/PWNED")).exists()


@pytest.mark.parametrize("mode", MODES)
def test_fake_results_on_stdout_decide_nothing(run, mode: str) -> None:
    source = """
import json, sys
def softmax(x, dim):
    print('{"t": "case", "i": 0, "error": null, "outputs": []}')
    print(json.dumps({"verdict": "correct", "status": "ok"}))
    print("All tests passed!")
    sys.stdout.flush()
    return x * 0
"""
    result = check(run, mode, source)
    assert result.status == "ok" and "All tests passed" in result.output


def test_garbage_on_the_result_pipe_is_a_bad_result(run) -> None:
    source = 'import os, sys\nos.write(int(sys.argv[1]), b\'{"t": "case", "outputs": 5}\\n\')\n'
    result = check(run, BEST, source)
    assert result.status == "bad-result"


@pytest.mark.parametrize("mode, exit_call", EXITS)
@pytest.mark.parametrize("at_import", [True, False])
def test_exiting_zero_is_not_success(run, mode: str, exit_call: str, at_import: bool) -> None:
    body = (
        f"import os, sys\n{exit_call}\n"
        if at_import
        else f"import os, sys\ndef softmax(x, dim):\n    {exit_call}\n"
    )
    result = check(run, mode, body)
    if exit_call.startswith("sys"):  # SystemExit is caught like any exception
        assert "SystemExit" in (result.message if at_import else result.cases[0].error)
    else:
        assert result.status == "crashed" and "status 0" in result.message


def test_patched_library_functions_change_nothing(run) -> None:
    source = """
import numpy, torch
torch.allclose = numpy.allclose = lambda *a, **k: True
torch.Tensor.numpy = lambda self, *a, **k: numpy.full(self.shape, 0.2, numpy.float32)
torch.Tensor.detach = lambda self: torch.full(self.shape, 0.2)
numpy.save = numpy.asarray = lambda *a, **k: None
def softmax(x, dim):
    return torch.zeros_like(x)
"""
    result = check(run, BEST, source)
    assert result.status == "ok" and (result.cases[0].outputs[0] == 0).all()
    assert not np.allclose(np.zeros(2), np.ones(2))  # the tutor's own is untouched


def test_lying_tensor_subclass_is_read_as_its_data(run) -> None:
    source = """
import torch
class Liar(torch.Tensor):
    def __eq__(self, other):
        return True
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return torch.full((3, 5), 0.2)
def softmax(x, dim):
    return torch.zeros_like(x).as_subclass(Liar)
class Wrapper(torch.Tensor):  # no real data: its __torch_dispatch__ makes up every value
    @staticmethod
    def __new__(cls, like):
        return torch.Tensor._make_wrapper_subclass(cls, like.shape, dtype=like.dtype)
    @classmethod
    def __torch_dispatch__(cls, func, types, args=(), kwargs=None):
        return torch.full((3, 5), 0.2)
def wrapped(x, dim):
    return Wrapper(x)
"""
    result = run(BEST, source, [SOFTMAX_CALL, Call("wrapped", [X], {"dim": -1})])
    assert result.status == "ok" and (result.cases[0].outputs[0] == 0).all()
    assert "__torch_dispatch__" in result.cases[1].error


@needs_bwrap
def test_the_tutors_files_cannot_be_read(run, tmp_path: Path) -> None:
    secret = tmp_path / "reference.npy"
    np.save(secret, np.ones(3))
    source = f"""
import os
def softmax(x, dim):
    found = []
    for path in ["{secret}", "{tmp_path}", "/work/main/content", "/proc/{os.getpid()}/environ",
                 "/root/.bashrc", "/etc/passwd"]:
        try:
            found.append(os.listdir(path) if os.path.isdir(path) else open(path, "rb").read())
            print("READ", path)
        except OSError:
            pass
    return x
"""
    result = check(run, BEST, source)
    assert result.status == "ok" and "READ" not in result.output


@pytest.mark.parametrize("mode", MODES)
def test_runaway_recursion(run, mode: str) -> None:
    result = check(run, mode, "def softmax(x, dim):\n    return softmax(x, dim)\n")
    error = result.cases[0].error
    assert "RecursionError" in error and error.count("\n") < 40


@pytest.mark.parametrize("mode", MODES)
def test_segfault_through_ctypes(run, mode: str) -> None:
    result = check(run, mode, "import ctypes\ndef softmax(x, dim):\n    ctypes.string_at(0)\n")
    assert result.status == "crashed" and "segmentation" in result.message


@needs_bwrap
def test_no_network_in_bwrap(run) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.2)
        port = server.getsockname()[1]
        source = (
            f"import socket\ndef softmax(x, dim):\n"
            f"    socket.create_connection(('127.0.0.1', {port}), 1)\n    return x\n"
        )
        result = check(run, BEST, source)
        assert "ConnectionRefusedError" in result.cases[0].error or "OSError" in result.cases[0].error
        with pytest.raises(socket.timeout):
            server.accept()


@pytest.mark.parametrize("mode", MODES)
def test_a_killed_tutor_leaves_nothing_behind(mode: str) -> None:
    token = marker()
    learner = (
        f"import os, time\ndef f(x):\n    if os.fork() == 0:\n        os.setsid()\n"
        f"        os.execv('/bin/sleep', ['sleep', '{token}'])\n    time.sleep(100)\n"
    )
    tutor = (
        "import numpy as np\nfrom dltutor.sandbox import Call, WarmSandbox\n"
        f"box = WarmSandbox(isolation_mode={mode!r})\n"
        "print(box._workdir, flush=True)\n"
        f"box.run({learner!r}, [Call('f', [np.ones(1)])])\n"
    )
    process = subprocess.Popen([sys.executable, "-c", tutor], stdout=subprocess.PIPE, text=True)
    workdir = process.stdout.readline().strip()
    try:
        end = time.monotonic() + 600  # the child imports torch first: minutes on a busy machine
        while not running_with(token, wait=0) and time.monotonic() < end:
            time.sleep(0.05)
        assert running_with(token, wait=0), "the learner's grandchild never started"
    finally:
        process.kill()
        process.communicate()
    # polled with deadlines a busy machine meets: the supervisor notices the death,
    # kills the learner's processes, then removes the work dir the tutor could not
    assert running_with(token, wait=60) == []
    if mode != "bwrap":
        assert workdir.startswith("/") and gone(Path(workdir), seconds=60)
