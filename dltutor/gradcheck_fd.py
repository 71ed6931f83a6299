"""Run a `check-gradient --code` check: sandboxed calls, finite differences here.

The finite differences come from forward calls the learner's code cannot
tell apart from the graded one (same requires_grad state), so a forward
that behaves differently when no gradient is wanted gains nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dltutor.errors import AnswerFormatError, NotFoundError, SandboxError
from dltutor.gradcheck_code import STEP, InputReport, Target, compare
from dltutor.sandbox import Call, CaseResult, RunResult, WarmSandbox, run_calls

# statuses that mean the file cannot be used at all (exit 2), not a wrong backward
_UNUSABLE = {"syntax-error": AnswerFormatError, "import-error": AnswerFormatError,
             "missing-function": NotFoundError}


@dataclass
class CodeCheck:
    target: Target
    verdict: str  # correct | incorrect
    inputs: list[InputReport] = field(default_factory=list)
    message: str | None = None


def run_check(target: Target, inputs: list[np.ndarray], seed: int = 0) -> CodeCheck:
    with WarmSandbox() as second:  # warms up while the first run learns the output shapes
        probe = run_calls(target.path, [Call(target.forward, inputs, to_torch=target.torch)])
        failed = _failure(target, probe)
        if failed:
            return failed
        outputs = probe.cases[0].outputs
        assert outputs is not None  # _failure said the probe ran
        rng = np.random.default_rng(seed + 1)
        weights = [rng.standard_normal(out.shape) for out in outputs]
        calls = [_gradient_call(target, inputs, weights, outputs), *_nudged_calls(target, inputs, weights)]
        result = second.run(target.path, calls)
    failed = _failure(target, result)
    if failed:
        return failed
    claimed = _claimed(target, result.cases[0], len(inputs))
    numeric = _finite_differences(inputs, weights, result.cases[1:])
    reports = [compare(c, n) for c, n in zip(claimed, numeric)]
    verdict = "correct" if all(r.ok for r in reports) else "incorrect"
    return CodeCheck(target, verdict, reports)


def _gradient_call(target: Target, inputs: list[np.ndarray], weights: list[np.ndarray],
                   outputs: list[np.ndarray]) -> Call:
    if target.style == "function-class":
        return Call(target.forward, inputs, want_grad=True, grad_weights=weights)
    if len(outputs) != 1:
        raise AnswerFormatError(f"{target.name} returns {len(outputs)} outputs; a companion "
                                f"{target.name}_backward can be checked for one output only")
    return Call(f"{target.name}_backward", [weights[0], *inputs], to_torch=target.torch)


def _nudged_calls(target: Target, inputs: list[np.ndarray], weights: list[np.ndarray]) -> list[Call]:
    """The forward at x ± STEP, called exactly as the graded call is: an
    autograd Function then sees the same requires_grad and needs_input_grad
    state, so it cannot compute one thing for the differences and another
    for the gradient it is graded on."""
    graded = target.style == "function-class"
    calls = []
    for index, x in enumerate(inputs):
        for flat in range(x.size):
            for sign in (1.0, -1.0):
                moved = [a.copy() for a in inputs]
                moved[index].flat[flat] += sign * STEP
                calls.append(Call(target.forward, moved, want_grad=graded,
                                  grad_weights=weights if graded else None,
                                  to_torch=target.torch))
    return calls


def _claimed(target: Target, case: CaseResult, count: int) -> list[np.ndarray | None]:
    if target.style == "function-class":
        return list(case.grads or [None] * count)
    values = list(case.outputs or [])
    return (values + [None] * count)[:count]


def _finite_differences(inputs: list[np.ndarray], weights: list[np.ndarray], cases: list) -> list[np.ndarray]:
    """d(sum_k sum(out_k · w_k))/dx by central differences, element by element."""
    def loss(case: Any) -> float:
        return sum(float(np.sum(o.astype(np.float64) * w)) for o, w in zip(case.outputs, weights))

    grads, at = [], 0
    for x in inputs:
        grad = np.empty(x.shape)
        for flat in range(x.size):
            grad.flat[flat] = (loss(cases[at]) - loss(cases[at + 1])) / (2 * STEP)
            at += 2
        grads.append(grad)
    return grads


def _failure(target: Target, result: RunResult) -> CodeCheck | None:
    if result.status in _UNUSABLE:
        raise _UNUSABLE[result.status](result.message)
    if result.status == "forbidden":
        raise SandboxError(result.message)
    if result.status != "ok":
        return CodeCheck(target, "incorrect", message=f"your code did not finish: {result.message}")
    broken = next((case for case in result.cases if not case.ok), None)
    if broken is not None:
        return CodeCheck(target, "incorrect", message=f"your code raised {broken.error}")
    return None
