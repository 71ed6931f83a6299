"""From a sandbox RunResult to a Verdict a learner can act on.

Only the arrays that came back decide: a status other than "ok" is a
failure with a plain message; otherwise the first failing call is reported
with its inputs and what was expected against what came back. A failure
that a known wrong solution reproduces exactly (same call, same kind of
failure, same results on every call) gets its feedback; any other failure
is described as it is. The inputs of a check come from a secret seed, so a
failing case's small arrays are shown with their values.
"""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Variant, WrongAnswer
from dltutor.codecheck.inputs import small_values
from dltutor.codecheck.prepare import Failure, Prepared
from dltutor.errors import AnswerFormatError
from dltutor.kinds.base import Verdict
from dltutor.sandbox import RunResult

STATUS_TEXT = {
    "timeout": "Your code {message}. Look for a loop that never ends or work that grows too fast.",
    "memory": "Your code {message}.",
    "output-limit": "Your code {message}. Remove the prints in loops.",
    "crashed": "Your code's process {message}.",
    "import-error": "Your file fails when it is loaded, before {function} is called:\n{message}",
    "missing-function": "{message}",
    "forbidden": "{message}",
    "bad-result": "Your code sent back something that is not a plain result: {message}",
}


def verdict_for(prepared: Prepared, variant: Variant, parsed: Any, result: RunResult) -> Verdict:
    read_as = f"{parsed.function} in {parsed.filename} ({parsed.lines} lines)"
    if result.status != "ok":
        return status_verdict(result.status, result.message, read_as, parsed.function, result.line)
    return judge(prepared, variant, read_as, result.cases)


def status_verdict(
    status: str, message: str, read_as: str, function: str, line: int | None = None
) -> Verdict:
    text = STATUS_TEXT.get(status, "{message}").format(message=message, function=function)
    if status == "forbidden":  # caught only at run time: like the source scan, no attempt
        raise AnswerFormatError(text)
    evidence: dict[str, Any] = {"status": status}
    if line is not None:
        evidence["line"] = line
    return Verdict("incorrect", 0.0, read_as, text, status, evidence)


def judge(prepared: Prepared, variant: Variant, read_as: str, results: list[Any]) -> Verdict:
    failure = prepared.first_failure(results)
    total = len(prepared.jobs)
    if failure is None:
        return Verdict("correct", 1.0, read_as, f"All {total} checks pass.", evidence={"checks": total})
    case = prepared.cases[prepared.jobs[failure.job].case]
    values = small_values(case)
    evidence = {
        "failing_case": {
            "number": failure.job + 1,
            "of": total,
            "inputs": prepared.describe(failure.job),
            **({"values": values} if values else {}),
            **failure.mismatch.evidence,
        }
    }
    shown = "".join(f"\n  {name} = {value}" for name, value in values.items())
    detail = f"{prepared.describe(failure.job)}:{shown}\n{failure.mismatch.message}"
    wrong = _known_mistake(prepared, variant, failure, results)
    if wrong is not None:
        return Verdict(
            "incorrect", 0.0, read_as, f"{wrong.feedback.strip()}\n\n{detail}", wrong.mistake, evidence
        )
    return Verdict("incorrect", 0.0, read_as, detail, failure.mistake, evidence)


def _known_mistake(
    prepared: Prepared, variant: Variant, failure: Failure, results: list[Any]
) -> WrongAnswer | None:
    if failure.mistake is not None:  # a checker named it
        return next((w for w in variant.wrong if w.mistake == failure.mistake), None)
    if prepared.exercise.check is not None:
        return None  # random outputs: only a checker can recognise a mistake
    for wrong in variant.wrong:
        if prepared.same_as(str(wrong.answer), results, failure):
            return wrong
    return None
