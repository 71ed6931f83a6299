"""`bank validate` for code exercises: the reference must grade correct and
every wrong solution incorrect with its own mistake.

All of an exercise's files are trusted bank code, so they share one sandbox:
each is loaded as its own module inside one child and called through the
same adapter a learner's file gets, then judged exactly as a learner's file
is. Exercises run two at a time (the machines have two cores), and a result
is remembered for as long as none of its files changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from dltutor.bank.models import Question
from dltutor.bank.variants import make_variant
from dltutor.codecheck.prepare import ADAPTER_LINE, prepare
from dltutor.codecheck.runner import Parsed
from dltutor.codecheck.spec import exercise
from dltutor.codecheck.verdicts import judge, status_verdict
from dltutor.errors import DltutorError
from dltutor.kinds.base import Verdict
from dltutor.sandbox import Limits, WarmSandbox

# trusted code, several files per child: generous limits
BATCH_LIMITS = Limits(cpu_seconds=60, wall_seconds=120, memory_bytes=3 << 30)
POOL = 2
_DONE: dict[tuple, list[str]] = {}
_RUNNING: dict[tuple, Future] = {}
_POOL: ThreadPoolExecutor | None = None


def code_problems(question: Question, seed: int = 0) -> list[str]:
    key = _key(question, seed)
    if key not in _DONE:
        future = _RUNNING.pop(key, None)
        _DONE[key] = future.result() if future is not None else _problems(question, seed)
    return list(_DONE[key])


def prefetch(questions: Iterable[Question], seed: int = 0) -> None:
    """Start checking these exercises in the background, POOL at a time."""
    global _POOL
    for question in questions:
        key = _key(question, seed)
        if key not in _DONE and key not in _RUNNING:
            _POOL = _POOL or ThreadPoolExecutor(POOL, thread_name_prefix="dltutor-validate")
            _RUNNING[key] = _POOL.submit(_problems, question, seed)


def _key(question: Question, seed: int) -> tuple:
    spec = exercise(question)
    wrong = [spec.path(str(w.answer)) for w in question.wrong]
    files = sorted(
        {
            spec.reference,
            spec.starter,
            *wrong,
            *([spec.cases] if not isinstance(spec.cases, list) else []),
            *([spec.check] if spec.check else []),
        }
    )
    digest = hashlib.sha256(repr(sorted(question.extra.items(), key=str)).encode())
    for path in files:
        digest.update(path.read_bytes())
    return (question.file, question.id, seed, digest.hexdigest())


def _problems(question: Question, seed: int) -> list[str]:
    where = f"{question.file}:{question.line}: question '{question.id}' (seed {seed})"
    try:
        verdicts = check_files(question, seed)
    except DltutorError as exc:
        return [f"{where}: the exercise cannot be checked: {exc.message}"]
    problems = []
    reference = verdicts[0]
    if isinstance(reference, str):
        problems.append(f"{where}: the reference cannot be used: {reference}")
    elif not reference.correct:
        problems.append(f"{where}: the reference grades {reference.verdict} ({reference.feedback})")
    for wrong, verdict in zip(question.wrong, verdicts[1:]):
        at = f"{question.file}:{wrong.line}: question '{question.id}' (seed {seed})"
        if isinstance(verdict, str):
            problems.append(f"{at}: wrong answer {wrong.answer!r} cannot be read: {verdict}")
        elif verdict.verdict != "incorrect":
            problems.append(f"{at}: wrong answer {wrong.answer!r} grades {verdict.verdict}")
        elif verdict.mistake != wrong.mistake:
            problems.append(
                f"{at}: wrong answer {wrong.answer!r} is reported as "
                f"{verdict.mistake!r}, not its own mistake {wrong.mistake!r} "
                f"({verdict.feedback})"
            )
    return problems


def check_files(question: Question, seed: int) -> list[Verdict | str]:
    """The verdict on the reference, then on each wrong file, in order (or
    the message of a file that cannot be read), from one sandbox run."""
    spec = exercise(question)
    paths = [spec.reference, *(spec.path(str(w.answer)) for w in question.wrong)]
    return check_sources(question, seed, [(p.read_text(encoding="utf-8"), p.name) for p in paths])


def check_sources(question: Question, seed: int, sources: list[tuple[str, str]]) -> list[Verdict | str]:
    """The verdict on each (text, filename) in order, or the message of one
    that cannot be read: all in one sandbox (trusted files, or tests' own)."""
    from dltutor.kinds.code import parse

    variant, spec = make_variant(question, seed), exercise(question)
    parsed: list[Parsed | str] = []
    for text, name in sources:
        try:
            parsed.append(parse(text, variant, name))
        except DltutorError as exc:
            parsed.append(exc.message)
    box = WarmSandbox(BATCH_LIMITS)  # first: the child imports torch while we prepare
    with box:
        prepared = prepare(spec, seed)
        usable = [(i, p) for i, p in enumerate(parsed) if isinstance(p, Parsed)]
        calls = [call for i, _ in usable for call in prepared.calls(f"_m{i}.{spec.function}")]
        result = box.run(
            bundle(usable),
            calls,
            forbidden=list(spec.forbid),
            filename="<bank>",
            forbidden_ops=spec.forbidden_ops(),
        )
    verdicts: list[Verdict | str] = list(parsed)  # type: ignore[arg-type]
    size = len(prepared.jobs)
    for n, (i, p) in enumerate(usable):
        read_as = f"{p.function} in {p.filename}"
        if result.status != "ok":
            verdicts[i] = status_verdict(result.status, result.message, read_as, p.function)
        else:
            verdicts[i] = judge(prepared, variant, read_as, result.cases[n * size : (n + 1) * size])
    return verdicts


def bundle(files: list[tuple[int, Parsed]]) -> str:
    """One source that loads each file as its own module `_m<i>`."""
    lines = ["import types as _dltutor_types"]
    for i, parsed in files:
        lines.append(f"_m{i} = _dltutor_types.ModuleType('m{i}')")
        lines.append(f"exec(compile({parsed.source!r}, {parsed.filename!r}, 'exec'), _m{i}.__dict__)")
    return "\n".join(lines) + ADAPTER_LINE
