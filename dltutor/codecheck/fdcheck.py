"""Run a `check-gradient --code` check: sandboxed calls, finite differences
and the comparison here, in the tutor.

The tutor draws the inputs and an output weight w per output, and asks the
sandbox for the claimed gradient of sum(out·w) and for the forward values
at x ± h·e_j; the central differences of those are the true gradient, and
gradients.py compares the two, as it compares a backward-by-hand
exercise's gradients with autograd's: nothing the learner's process says
decides the verdict. A Function's every call, the graded one and the
nudged ones alike, is the same adapter call with the same requires_grad
state (backward.py), so a forward that behaves differently when no
gradient is wanted gains nothing. Two sandboxes run side by side: the
first learns the output shapes (w needs them), the second warms up
meanwhile and then computes the gradients.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dltutor.codecheck.arrays import Mismatch, values_text
from dltutor.codecheck.backward import BACKWARD_ADAPTER_LINE, BACKWARD_ENTRY, Target
from dltutor.codecheck.gradients import GradientReport, compare_gradients
from dltutor.codecheck.trusted import grad_weights
from dltutor.errors import AnswerFormatError, NotFoundError, SandboxError
from dltutor.files import read_user_file
from dltutor.sandbox import Call, RunResult, WarmSandbox, run_calls

STEP = 1e-6
# central differences in float64 at STEP: their own error, not the dtype's, sets the room
TOLERANCE = (1e-4, 1e-6)  # (rtol, atol)
# statuses that mean the file cannot be used at all (exit 2), not a wrong backward
_UNUSABLE = {
    "syntax-error": AnswerFormatError,
    "import-error": AnswerFormatError,
    "missing-function": NotFoundError,
}


@dataclass
class CodeCheck:
    target: Target
    verdict: str  # correct | incorrect
    inputs: list[GradientReport] = field(default_factory=list)  # one per gradient
    message: str | None = None  # the code could not be checked: why
    diagnosis: Mismatch | None = None  # which gradient is wrong and how

    def to_json(self) -> dict[str, Any]:
        """`check-gradient --code --json`: one object, no infinities."""
        finite = lambda error: error if error != float("inf") else None  # noqa: E731
        return {
            "verdict": self.verdict,
            "name": self.target.name,
            "style": self.target.style,
            "message": self.message,
            "diagnosis": self.diagnosis.message if self.diagnosis else None,
            "mismatch": self.diagnosis.kind if self.diagnosis else None,
            "inputs": [
                {
                    "gradient": r.label,
                    "shape": list(r.shape),
                    "max_abs_error": finite(r.max_abs),
                    "max_rel_error": finite(r.max_rel),
                    "where": list(r.where),
                    "ok": r.ok,
                    "claimed": r.claimed,
                    "numeric": r.expected,
                    "pattern": r.pattern,
                }
                for r in self.inputs
            ],
        }


def run_check(target: Target, inputs: list[np.ndarray], seed: int = 0) -> CodeCheck:
    source = read_user_file(target.path, "file") + (
        BACKWARD_ADAPTER_LINE if target.style == "function-class" else ""
    )
    with WarmSandbox() as second:  # warms up while the first run learns the output shapes
        first = run_calls(
            source, [Call(target.forward, inputs, to_torch=target.torch)], filename=str(target.path)
        )
        failed = _failure(target, first)
        if failed:
            return failed
        outputs = first.cases[0].outputs
        assert outputs is not None  # _failure said the first run worked
        weights = [
            w if w is not None else np.zeros(out.shape)
            for w, out in zip(grad_weights(outputs, np.random.default_rng(seed + 1)), outputs)
        ]
        result = second.run(source, _calls(target, inputs, weights), filename=str(target.path))
    failed = _failure(target, result)
    if failed:
        return failed
    try:
        claimed, values = _taken_apart(target, result.cases, len(outputs))
    except ValueError as exc:
        return CodeCheck(target, "incorrect", message=str(exc))
    if len(claimed) != target.inputs:
        problem = Mismatch(
            f"your backward returned {values_text(len(claimed))}; expected "
            f"{values_text(target.inputs)}, one gradient per input of forward",
            {"outputs": len(claimed), "expected_outputs": target.inputs},
            "count",
        )
        return CodeCheck(target, "incorrect", diagnosis=problem)
    numeric = _finite_differences(inputs, weights, values)
    judged = compare_gradients(
        claimed,
        numeric,
        target.labels(),
        lambda dtype, grad: TOLERANCE,
        absent=" (your backward returned None for it)",
    )
    verdict = "correct" if judged.mismatch is None else "incorrect"
    return CodeCheck(target, verdict, judged.reports, diagnosis=judged.mismatch)


def _calls(target: Target, inputs: list[np.ndarray], weights: list[np.ndarray]) -> list[Call]:
    """The graded call at x, then the forward at x ± STEP·e_j for every entry."""
    nudged = [inputs]
    for index, x in enumerate(inputs):
        for flat in range(x.size):
            for sign in (1.0, -1.0):
                moved = [a.copy() for a in inputs]
                moved[index].flat[flat] += sign * STEP
                nudged.append(moved)
    if target.style == "function-class":  # every call alike: forward, then the backward
        kwargs: dict[str, str | int] = {"__fn__": target.name, "__inputs__": len(inputs)}
        return [Call(BACKWARD_ENTRY, [*arrays, *weights], kwargs) for arrays in nudged]
    if len(weights) != 1:
        raise AnswerFormatError(
            f"{target.name} returns {len(weights)} outputs; a companion "
            f"{target.name}_backward can be checked for one output only"
        )
    graded = Call(f"{target.name}_backward", [weights[0], *inputs], to_torch=target.torch)
    return [graded] + [Call(target.name, arrays, to_torch=target.torch) for arrays in nudged[1:]]


def _taken_apart(
    target: Target, cases: list[Any], outputs: int
) -> tuple[list[np.ndarray | None], list[list[np.ndarray]]]:
    """The claimed gradients of the graded call, and every call's forward values."""
    if target.style != "function-class":
        return list(cases[0].outputs), [list(case.outputs) for case in cases[1:]]
    claimed: list[np.ndarray | None] = []
    values: list[list[np.ndarray]] = []
    for case in cases:
        arrays = list(case.outputs)
        counts = [int(n) for n in arrays[-1].reshape(-1)] if arrays else []
        if (
            len(counts) < 2
            or counts[0] != outputs
            or len(counts) != 2 + counts[1]
            or len(arrays) != 1 + counts[0] + counts[1]
        ):
            raise ValueError("your code's results came back in a form the tutor did not ask for")
        values.append(arrays[:outputs])
        if not claimed:
            grads = arrays[outputs:-1]
            claimed = [None if missing else g for g, missing in zip(grads, counts[2:])]
    return claimed, values[1:]


def _finite_differences(
    inputs: list[np.ndarray], weights: list[np.ndarray], values: list[list[np.ndarray]]
) -> list[np.ndarray]:
    """d(sum_k sum(out_k · w_k))/dx by central differences, element by element."""

    def loss(outputs: list[np.ndarray]) -> float:
        return sum(float(np.sum(o.astype(np.float64) * w)) for o, w in zip(outputs, weights))

    grads, at = [], 0
    for x in inputs:
        grad = np.empty(x.shape)
        for flat in range(x.size):
            grad.flat[flat] = (loss(values[at]) - loss(values[at + 1])) / (2 * STEP)
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
