"""Entry point of the sandbox child:
`python -I -B child_main.py RESULT_FD MODE TUTOR_PID PREWARM UID`
(PREWARM: 0 none, 1 autograd, train autograd and the optimizers).

Runs INSIDE the child and is trusted up to the moment the learner's module is
executed. Imports nothing from dltutor (the child runs `python -I` with a
scrubbed environment); its two sibling files are found next to it. Order:
(weak modes: fork a supervisor; landlock: an empty network namespace) ->
import torch -> save genuine functions -> say "ready" -> read the job from
stdin -> set rlimits -> (UID given: drop to it; landlock: confine) ->
replace forbidden functions (and, if asked, trace aten operations: see
child_trace.py) -> run the learner's module -> run each call -> "done".
The protocol is described in wire.py.
"""

from __future__ import annotations

import json
import linecache
import os
import select
import sys
import types
from typing import Any  # loaded by torch in any case

_write, _dumps = os.write, json.dumps  # saved before any learner code exists


def main() -> None:
    result_fd, mode, tutor_pid, prewarm = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    uid = int(sys.argv[5]) if sys.argv[5] else None
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    import child_guard
    import child_landlock

    if mode != "bwrap":
        child_guard.supervise(tutor_pid, result_fd)
    if mode == "landlock" and not child_guard.isolate_network():
        os._exit(73)  # the tutor reports that the sandbox did not start
    import torch

    torch.set_num_threads(1)  # 2 cores, small jobs: threads only cost start-up time
    import child_case
    import child_trace

    sys.path.remove(here)  # and out of sys.modules: not patchable by a plain import
    del sys.modules["child_case"], sys.modules["child_guard"], sys.modules["child_trace"]
    if prewarm != "0" and not select.select([0], [], [], 0)[0]:
        # no job yet: a warm child has time to pay first-use costs now (the
        # first autograd call imports sympy, ~0.5 s); a cold run skips this
        child_case.warm_up()
        if prewarm == "train":  # the first optimizer imports torch._dynamo: seconds
            child_case.warm_up_training()
    send(result_fd, {"t": "ready"})
    job, arrays = read_job()
    child_guard.set_limits(job["limits"])
    if uid is not None:
        child_guard.drop_to(uid, job["limits"]["processes"])
    elif mode == "landlock" and os.geteuid() == 0:
        child_guard.drop_capabilities()
    if mode == "landlock":
        confine = job["confine"]
        child_landlock.confine(confine["readable"], confine["writable"], confine["devices"])
    del sys.modules["child_landlock"]
    if job.get("trace"):  # before the learner's module exists
        child_case.TRACE = child_trace.traced
    filename, hits = job["filename"], list[str]()
    child_guard.forbid(job["forbidden"], filename, hits)
    module = load_module(result_fd, job, hits, child_case)
    for i, call in enumerate(job["calls"]):
        run_case(result_fd, i, module, call, arrays[i], hits, filename, child_case)
    send(result_fd, {"t": "done"})
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(0)


def send(fd: int, header: dict, arrays: list | tuple = ()) -> None:
    data = _dumps(header).encode() + b"\n" + b"".join(a.tobytes() for a in arrays)
    view = memoryview(data)
    while view:
        view = view[_write(fd, view) :]


def read_job() -> tuple[dict, list]:
    """The job header line from stdin, then its arrays, per call (inputs, weights)."""
    import numpy as np

    buffer = bytearray()
    while b"\n" not in buffer:
        chunk = os.read(0, 1 << 20)
        if not chunk:
            os._exit(72)  # the tutor went away
        buffer += chunk
    line, _, rest = bytes(buffer).partition(b"\n")
    job, data = json.loads(line), bytearray(rest)

    def take(spec: dict) -> np.ndarray:
        nonlocal data
        dtype = np.dtype(spec["dtype"]).newbyteorder("<")
        size = dtype.itemsize * int(np.prod(spec["shape"], dtype=np.int64))
        while len(data) < size:
            chunk = os.read(0, 1 << 20)
            if not chunk:
                os._exit(72)
            data += chunk
        array = np.frombuffer(bytes(data[:size]), dtype=dtype).reshape(spec["shape"])
        del data[:size]
        return array.astype(dtype.newbyteorder("="), copy=True)

    arrays = []
    for call in job["calls"]:
        inputs = [take(spec) for spec in call["inputs"]]
        weights = (
            None
            if call["weights"] is None
            else [None if spec is None else take(spec) for spec in call["weights"]]
        )
        arrays.append((inputs, weights))
    return job, arrays


def load_module(fd: int, job: dict, hits: list, child_case: types.ModuleType) -> types.ModuleType:
    """Execute the learner's source as module "solution"; check the functions."""
    source, filename = job["source"], job["filename"]
    module = types.ModuleType("solution")
    module.__file__ = filename
    sys.modules["solution"] = module
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        exec(compile(source, filename, "exec", dont_inherit=True), module.__dict__)
    except BaseException as error:
        kind = "forbidden" if hits else "import-error"
        send(fd, {"t": kind, "error": hits[0] if hits else child_case.describe(error, filename)})
        os._exit(0)
    for name in dict.fromkeys(call["function"] for call in job["calls"]):
        try:
            found = callable(resolve(module, name))
        except BaseException:
            found = False
        if not found:
            send(fd, {"t": "missing-function", "error": f"{filename} defines no function {name}"})
            os._exit(0)
    send(fd, {"t": "loaded"})
    return module


def resolve(module: types.ModuleType, dotted: str) -> Any:
    value = module
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def run_case(
    fd: int,
    i: int,
    module: types.ModuleType,
    call: dict,
    arrays: tuple,
    hits: list,
    filename: str,
    child_case: types.ModuleType,
) -> None:
    inputs, weights = arrays
    before = len(hits)
    try:
        result = child_case.run(resolve(module, call["function"]), call, inputs, weights, filename)
    except BaseException as error:
        kind = "memory" if child_case.is_memory_error(error) else None
        result = {"error": child_case.describe(error, filename), "kind": kind}
    if len(hits) > before:  # even if the learner caught the refusal
        result = {"error": hits[before], "kind": "forbidden"}
    if "error" in result:
        send(fd, {"t": "case", "i": i, "mutated": False, **result})
        return
    outputs, grads = result["outputs"], result["grads"]

    def spec(array: Any) -> dict[str, Any] | None:
        return None if array is None else {"dtype": array.dtype.name, "shape": list(array.shape)}

    send(
        fd,
        {
            "t": "case",
            "i": i,
            "error": None,
            "kind": None,
            "mutated": result["mutated"],
            "ops": result.get("ops"),
            "outputs": [spec(a) for a in outputs],
            "grads": None if grads is None else [spec(g) for g in grads],
        },
        [a for a in [*outputs, *(grads or ())] if a is not None],
    )


if __name__ == "__main__":
    main()
