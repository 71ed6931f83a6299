"""From what the tutor observed of a child to a RunResult.

The order of evidence: what the tutor itself saw (it stopped the child for
time, output or an unreadable result), then a failure the child reported
(import error, missing function, forbidden use), then how the process ended.
The child's messages are the learner's word, not the harness's: learner
code shares the child's interpreter, so it can find the result pipe and
write messages itself. So the tutor takes from them only what it checks
itself: the arrays of each case (validated, then compared by the caller),
in a strict order (ready, loaded or one failure, case 0..n-1 each once,
done, nothing after it); any message out of that order is "bad-result". A
child's claim that can only fail the learner ("memory", "forbidden", an
error) is believed; none of its claims can add a passing case.
"""

from __future__ import annotations

import signal
from typing import Any

from dltutor.sandbox.model import Call, CaseResult, Limits, Status
from dltutor.sandbox.wire import ProtocolError, case_from_message

SIGNAL_TEXT: dict[int, str] = {
    signal.SIGSEGV: "a segmentation fault (SIGSEGV)",
    signal.SIGBUS: "a bus error (SIGBUS)",
    signal.SIGABRT: "an abort (SIGABRT)",
    signal.SIGFPE: "a floating-point trap (SIGFPE)",
    signal.SIGILL: "an illegal instruction (SIGILL)",
}
MiB = 1 << 20
# what the child may report before any call ran ("loaded" aside), as a status
_REPORTS: dict[str, Status] = {
    "import-error": "import-error",
    "missing-function": "missing-function",
    "forbidden": "forbidden",
}
_CASE_FAILURES: tuple[Status, ...] = ("forbidden", "memory")  # in this order of precedence


def assemble(
    calls: list[Call],
    messages: list[tuple[dict[str, Any], memoryview]],
    stop: str,
    returncode: int | None,
    limits: Limits,
    filename: str,
    detail: str = "",
    forbidden_ops: dict[str, str] | None = None,
) -> tuple[Status, str, list[CaseResult]]:
    """(status, message, cases) for a finished child. `stop` is why the tutor
    stopped waiting: "exit", "deadline", "output", "results" or "bad" (with
    `detail` saying what was wrong). `forbidden_ops` maps aten operation
    names (and "autograd") to what to call them: a case that ran one fails
    as "forbidden", decided here from the operations the child listed."""
    cases: list[CaseResult] = []
    kinds: list[str | None] = []
    reported: tuple[Status, str] | None = None
    if stop == "bad":
        reported = ("bad-result", f"the sandbox sent back something unreadable ({detail})")
    loaded = False
    try:
        for position, (header, body) in enumerate(messages):
            kind = _in_order(header["t"], position, loaded, len(cases), len(calls), reported)
            if kind == "loaded":
                loaded = True
            elif kind in _REPORTS:
                reported = (_REPORTS[kind], str(header.get("error"))[:20_000])
            elif kind == "case":
                if header.get("i") != len(cases):
                    raise ProtocolError(f"case {str(header.get('i'))[:20]} out of order")
                case, case_kind = _case(header, body, calls[len(cases)], forbidden_ops or {}, filename)
                cases.append(case)
                kinds.append(case_kind)
    except ProtocolError as err:
        stop, reported = "bad", ("bad-result", f"the sandbox sent back something unreadable ({err})")
    status, message = _status(stop, reported, cases, kinds, calls, returncode, limits, loaded, filename)
    missing = [CaseResult(error=f"not run: {message}") for _ in calls[len(cases) :]]
    return status, message, cases + missing


def _in_order(
    kind: str, position: int, loaded: bool, cases: int, calls: int, reported: tuple[Status, str] | None
) -> str:
    """`kind`, if it may come now; else a ProtocolError."""
    allowed = {"ready"} if position == 0 else set()
    if position > 0 and not loaded and reported is None:
        allowed = {"loaded", "import-error", "missing-function", "forbidden"}
    elif loaded and position == cases + 2:  # nothing after a "done"
        allowed = {"case", "done"} if cases < calls else {"done"}
    if kind not in allowed:
        raise ProtocolError(f"unexpected message {kind!r}")
    return kind


def _case(
    header: dict[str, Any], body: memoryview, call: Call, forbidden_ops: dict[str, str], filename: str
) -> tuple[CaseResult, str | None]:
    """The case, and "memory" or "forbidden" when the child said so (such a
    claim can only fail the learner, so it may be believed) or when it ran
    a forbidden operation."""
    try:
        case = case_from_message(header, body, call)
    except ProtocolError as err:  # this case fails; the others stand
        return CaseResult(error=f"the result could not be read: {err}"), None
    if forbidden_ops and case.ok:
        if case.ops is None:
            raise ProtocolError("a case came back without its list of operations")
        used = [forbidden_ops[op] for op in case.ops if op in forbidden_ops]
        if used:
            return CaseResult(
                error=f"{filename}: {used[0]} is not allowed in this exercise; write it yourself",
                ops=case.ops,
            ), "forbidden"
    kind = header.get("kind")
    return case, (kind if kind in ("memory", "forbidden") and case.error else None)


def _status(
    stop: str,
    reported: tuple[Status, str] | None,
    cases: list[CaseResult],
    kinds: list[str | None],
    calls: list[Call],
    returncode: int | None,
    limits: Limits,
    loaded: bool,
    filename: str,
) -> tuple[Status, str]:
    if stop == "output":
        return "output-limit", f"printed more than {limits.output_bytes} bytes; stopped"
    if stop == "results":
        return "output-limit", f"returned more than {limits.result_bytes // MiB} MiB of arrays; stopped"
    if reported is not None:
        return reported
    if stop == "deadline":
        return "timeout", f"still running after {limits.wall_seconds:g} s; stopped"
    for kind in _CASE_FAILURES:
        for i, case in enumerate(cases):
            if kinds[i] == kind:
                text = (
                    case.error
                    if kind == "forbidden"
                    else (f"ran out of memory (limit {limits.memory_bytes // MiB} MiB) in call {i + 1}")
                )
                return kind, str(text)
    if len(cases) == len(calls):
        return "ok", f"all {len(calls)} calls ran"
    where = (
        f"running {filename}"
        if not loaded
        else (f"call {len(cases) + 1} ({calls[len(cases)].function}) returned")
    )
    return _ended(returncode, where, limits)


def _ended(returncode: int | None, where: str, limits: Limits) -> tuple[Status, str]:
    """Why a child ended before its work was done, from its exit status
    (bwrap and the supervisor report a signal N as 128+N)."""
    code = returncode if returncode is not None else -1
    sig = -code if code < 0 else (code - 128 if code > 128 else 0)
    if sig == signal.SIGXCPU:
        return "timeout", f"used more than {limits.cpu_seconds:g} s of CPU time; stopped"
    if sig == signal.SIGXFSZ:
        return "output-limit", f"wrote a file larger than {limits.file_bytes // MiB} MiB; stopped"
    if sig == signal.SIGKILL:
        return "crashed", ("killed (SIGKILL) before " + where + ": over the CPU or memory limit")
    if sig:
        name = SIGNAL_TEXT.get(sig, f"signal {sig}")
        return "crashed", f"crashed with {name} before {where}"
    return "crashed", f"the process exited (status {code}) before {where}"
