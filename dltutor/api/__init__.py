"""dltutor from Python: the CLI's checks for scripts and Jupyter notebooks.

    check_gradient(function, claimed=None, wrt=None) -> GradientResult
    question(question_id, seed=None) -> QuestionView        prompt, .hint(), .grade(answer)
    grade(question_id, answer, seed=None, record=True) -> Grade
    check_code(exercise_id, fn_or_class, seed=None, record=True) -> Grade
    check_backward(fn, *shapes, backward=None) -> BackwardResult

The same core as the CLI (no second implementation): the same parser, kinds,
sandbox and progress store. Results are truthy when right and render as rich
output in Jupyter. Unreadable input raises the CLI's own errors
(`dltutor.errors.AnswerFormatError`, `NotFoundError`, ...) with the CLI's
messages. Graded answers are recorded in the progress store the CLI uses
unless `record=False`. Importing this module imports neither SymPy nor torch.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from dltutor.api.gradients import BackwardResult, GradientResult
from dltutor.api.results import Grade, QuestionView

__all__ = [
    "check_gradient",
    "question",
    "grade",
    "check_code",
    "check_backward",
    "Grade",
    "QuestionView",
    "GradientResult",
    "BackwardResult",
]


def check_gradient(function: Any, claimed: Any = None, wrt: str | list[str] | None = None) -> GradientResult:
    """The derivative of `function`, and whether `claimed` is it (text or SymPy).

    >>> import dltutor
    >>> bool(dltutor.check_gradient("log(1 + e^x)", "σ(x)"))
    True
    >>> print(dltutor.check_gradient("x^2 y", "[2xy, x]", wrt="x,y").feedback)
    ∂f/∂y is not right.
    >>> dltutor.check_gradient("tanh(x)").reference
    (1 - tanh(x)**2,)
    """
    from dltutor.gradcheck import check_gradient as run

    names = [n.strip() for n in wrt.split(",") if n.strip()] if isinstance(wrt, str) else wrt
    claim = None if claimed is None else _as_text(claimed)
    return GradientResult.from_check(run(_as_text(function), claim, names))


def question(question_id: str, seed: int | None = None) -> QuestionView:
    """One variant of a question: `.prompt`, `.hint()` one at a time, `.grade(answer)`.

    >>> import dltutor
    >>> q = dltutor.question("act.d-sigmoid")
    >>> q.kind, q.hint() is not None
    ('derivative', True)
    """
    variant = _variant(question_id, seed)
    starter = None
    if variant.question.kind == "code":
        from dltutor.kinds.code import starter as starter_of

        starter = starter_of(variant)
    return QuestionView(
        variant.id,
        variant.question.kind,
        variant.seed,
        variant.prompt,
        tuple(variant.extra.get("choices") or ()),
        tuple(variant.hints),
        starter,
    )


def grade(question_id: str, answer: Any, seed: int | None = None, record: bool = True) -> Grade:
    """Grade `answer` (text; a number for numeric questions) to one question.

    >>> import dltutor
    >>> dltutor.grade("act.d-sigmoid", "σ(x)(1 - σ(x))", record=False)
    ✓ Correct  (act.d-sigmoid, seed 0)
    read as: (1 - sigmoid(x))*sigmoid(x)
    >>> bool(dltutor.grade("act.d-sigmoid", "σ(x)", record=False))
    False
    """
    variant = _variant(question_id, seed)
    if variant.question.kind == "code" and not isinstance(answer, str):
        return check_code(question_id, answer, seed=seed, record=record)
    from dltutor.grading import grade_answer

    raw = _as_text(answer)
    return _finish(variant, raw, grade_answer(variant, raw), record)


def check_code(exercise_id: str, fn_or_class: Any, seed: int | None = None, record: bool = True) -> Grade:
    """Grade a function or class defined in a notebook cell, exactly like
    `dltutor quiz --id EXERCISE --answer-file FILE`: its source (and the
    helpers and imports it uses) becomes the file, and runs in the sandbox.

    >>> import dltutor, torch
    >>> def sigmoid(x):
    ...     e = torch.exp(torch.where(x >= 0, -x, x))  # never overflows; slope right at 0
    ...     return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))
    >>> bool(dltutor.check_code("code.sigmoid", sigmoid, record=False))
    True
    """
    from dltutor.api.source import answer_file
    from dltutor.codecheck.runner import prestart

    prestart()  # the sandbox starts while the bank is read
    variant = _variant(exercise_id, seed)
    if variant.question.kind != "code":
        from dltutor.errors import DltutorError

        raise DltutorError(
            f"{exercise_id} is a {variant.question.kind} question, not a code "
            "exercise; use dltutor.grade(id, answer)"
        )
    from dltutor.codecheck.spec import exercise
    from dltutor.grading import grade_answer

    source = answer_file(fn_or_class, exercise(variant).function)
    verdict = grade_answer(variant, source, f"{fn_or_class.__name__} from your notebook")
    return _finish(variant, source, verdict, record)


def check_backward(fn: Any, *shapes: tuple[int, ...], backward: Any = None) -> BackwardResult:
    """`check-gradient --code` for an `autograd.Function` subclass, or a forward
    function with its backward (`backward=`, or `NAME_backward` beside it),
    against central finite differences in float64, in the sandbox.

    >>> import dltutor, torch
    >>> def cube(x):
    ...     return x ** 3
    >>> def cube_backward(grad_out, x):
    ...     return 2 * x ** 2 * grad_out
    >>> result = dltutor.check_backward(cube, (4, 5))
    >>> bool(result), result.inputs[0].pattern
    (False, 'off by a constant factor: it is 0.6667 times the true gradient')
    """
    from dltutor.api.source import answer_file
    from dltutor.codecheck.backward import locate, make_inputs
    from dltutor.codecheck.fdcheck import run_check
    from dltutor.sandbox import isolation_mode

    source = answer_file(fn, fn.__name__) + _backward_source(fn, backward)
    with tempfile.TemporaryDirectory(prefix="dltutor-") as folder:
        path = Path(folder) / f"{fn.__name__}.py"
        path.write_text(source, encoding="utf-8")
        target = locate(f"{path}:{fn.__name__}")
        inputs = make_inputs(target, [tuple(shape) for shape in shapes] or None)
        return BackwardResult.from_check(run_check(target, inputs), isolation_mode())


def _backward_source(fn: Any, backward: Any) -> str:
    import inspect

    if inspect.isclass(fn):
        return ""
    name = f"{fn.__name__}_backward"
    backward = backward or getattr(fn, "__globals__", {}).get(name)
    if backward is None:
        from dltutor.errors import NotFoundError

        raise NotFoundError(
            f"no {name}(grad_out, ...) beside {fn.__name__}: define it, or pass backward=your_backward"
        )
    from dltutor.api.source import answer_file

    source = "\n" + answer_file(backward, backward.__name__)
    if backward.__name__ != name:  # check-gradient --code finds the pair by its def names
        source += f"\n\ndef {name}(*args):\n    return {backward.__name__}(*args)\n"
    return source


def _variant(question_id: str, seed: int | None) -> Any:
    from dltutor.bank.catalogue import Catalogue, search_path
    from dltutor.bank.variants import make_variant

    return make_variant(Catalogue(search_path()).question(question_id), seed or 0)


def _finish(variant: Any, raw: str, verdict: Any, record: bool) -> Grade:
    if record:
        from dltutor.progress.record import record_answer

        record_answer(variant, raw, verdict)
    return Grade(
        variant.id,
        variant.seed,
        verdict.verdict,
        verdict.score,
        verdict.read_as,
        verdict.feedback,
        verdict.mistake,
        variant.explanation,
        dict(verdict.evidence),
    )


def _as_text(value: Any) -> str:
    """Text as it is; a float in its shortest 15-digit form (0.1 + 0.2 is 0.3,
    not 0.30000000000000004, as a person would type it); anything else, str()."""
    if isinstance(value, float):
        return format(value, ".15g")
    return value if isinstance(value, str) else str(value)
