"""Running untrusted learner code (DESIGN §5).

    from dltutor.sandbox import (Limits, Call, RunResult, CaseResult, run_calls,
                                 WarmSandbox, isolation_mode, isolation_notice)

    calls = [Call("softmax", [x], {"dim": -1}),
             Call("softmax", [x], {"dim": -1}, want_grad=True, grad_weights=[w])]
    result = run_calls(Path("my_softmax.py"), calls,
                       forbidden=["torch.softmax", "torch.nn.functional.softmax",
                                  "torch.Tensor.softmax"])
    result.status          # "ok" | "syntax-error" | "forbidden" | "import-error" |
                           # "missing-function" | "timeout" | "memory" |
                           # "output-limit" | "crashed" | "bad-result"
    result.cases[0].outputs, result.cases[1].grads, result.cases[0].error

    box = WarmSandbox()    # spawn while the learner edits (torch loads meanwhile)
    ...                    # learner presses Enter
    result = box.run(Path("my_softmax.py"), calls, forbidden=[...])  # one job

`source` is a path (os.PathLike, read as UTF-8) or the code itself (a str).
The tutor chooses the inputs and compares the outputs with its own reference,
outside the child: the child returns raw arrays (validated dtype, shape and
size; no pickle). Learner code shares the child's interpreter, so every
message is the learner's word: the tutor keeps only validated arrays in a
strict order (outcome.py), believes only claims that fail the learner, and
makes every other judgement itself.
`status == "ok"` means every call ran; each case's `error` says whether it
raised. `RunResult.ok` is both. Feedback text is the caller's business.

Process model: each check runs in a fresh `python -I -B` child with a
scrubbed environment, in its own session, with rlimits on CPU time, address
space, file size and processes set by a trusted bootstrap before any learner
code, and printed output capped by the tutor. Modes, strongest first:
"bwrap" (no network, a read-only view of the Python installation without
dltutor, a tmpfs working directory, its own PID namespace), "landlock" (a
Landlocked, network-less learner under a fresh uid) and "rlimits-only";
in the two weaker ones a supervisor kills every descendant at the end, and
the tutor shows `isolation_notice()` once. isolation.py and SECURITY.md
say what each mode protects; every RunResult says its `isolation`.

Files: model.py (Limits, Call, results), scan.py (syntax and forbidden-name
check in the tutor), wire.py (the byte protocol, tutor side), isolation.py
(mode probe, environment), bwrapcmd.py (the bwrap command line), paths.py
(what the child may read), channel.py (one child and its
pipes, non-blocking), outcome.py (observations -> status), warm.py
(WarmSandbox, run_calls); child_main.py, child_case.py, child_guard.py,
child_landlock.py run inside the child and import nothing from dltutor.

Never import torch here: the tutor's own start-up must stay light.
"""

from dltutor.sandbox.isolation import isolation_mode, isolation_notice
from dltutor.sandbox.model import Call, CaseResult, Limits, RunResult
from dltutor.sandbox.warm import WarmSandbox, run_calls

__all__ = [
    "Call",
    "CaseResult",
    "Limits",
    "RunResult",
    "WarmSandbox",
    "isolation_mode",
    "isolation_notice",
    "run_calls",
]
