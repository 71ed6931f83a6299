"""A learner's Python/PyTorch function, run in the sandbox on the tutor's inputs.

The answer is the text of a .py file. `parse` reads it without running it:
syntax, forbidden library functions (named with their line) and the asked
function being defined; any of those is an AnswerFormatError (exit 2, no
attempt). `grade` runs it in the sandbox and compares with the reference in
the tutor (dltutor.codecheck). The question's `answer` is the reference
file; each wrong `answer` is a wrong solution file. Nothing here imports
torch: the sandbox child is started first, then the tutor loads torch.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from dltutor.bank.models import Question, Variant
from dltutor.bank.schema import Field
from dltutor.errors import AnswerFormatError, BankError
from dltutor.kinds.base import Verdict

if TYPE_CHECKING:  # the runner needs the sandbox: imported when a file is read
    from dltutor.codecheck.runner import Parsed

FIELDS = [
    Field("signature", (str,), True),
    Field("starter", (str,), True),
    Field("cases", (list, str), True),
    Field("check", (str,)),
    Field("tolerance", (dict,), default={}),
    Field("grad", (bool,), default=False),
    Field("forbid", (list,), default=[], items=(str,)),
    Field("inplace_ok", (bool,), default=False),
    Field("battery", (dict,), default={}),  # codecheck/battery.py
    Field("forbid_ops", (list,), default=[], items=(str,)),
    Field("oracle", (str,)),
    Field("outputs", (list,), default=[], items=(str,)),
    Field("form", (str,), default="function"),
    Field("forward", (str,)),
    Field("numpy", (bool,), default=False),
    Field("cpu_seconds", (float,)),
    Field("also", (str,)),  # forms/module.py: a function graded with the class
]
DEFAULT_FILENAME = "solution.py"


def check(question: Question) -> None:
    from dltutor.codecheck.forms import FORMS, MODULE
    from dltutor.codecheck.spec import exercise

    spec = exercise(question)  # resolves every file and the signature
    if spec.form not in FORMS:
        raise BankError(f"form is one of {', '.join(FORMS)}", question.file, question.line, "form")
    if (spec.form == MODULE) != bool(spec.forward):
        raise BankError(
            "a module exercise gives its forward signature, and only it does",
            question.file,
            question.line,
            "forward",
        )
    if spec.also is not None and spec.form != MODULE:
        raise BankError(
            "also: names a function graded next to a module exercise's class",
            question.file,
            question.line,
            "also",
        )
    if spec.also is not None:
        from dltutor.codecheck.forms.also import also_call
        from dltutor.codecheck.forms.module import forward_params

        also_call(spec, forward_params(spec), [])  # its signature and argument names
    if set(question.extra["tolerance"]) - {"rtol", "atol"}:
        raise BankError("tolerance takes rtol and atol", question.file, question.line, "tolerance")
    for wrong in question.wrong:
        if not isinstance(wrong.answer, str) or not spec.path(wrong.answer).is_file():
            raise BankError(
                f"wrong answer {wrong.answer!r} is not a file next to the exercises",
                question.file,
                wrong.line,
                "answer",
            )


def parse(raw: str, variant: Variant | Question, filename: str | None = None) -> Parsed:
    """Read a learner's file: the Parsed source, or an AnswerFormatError."""
    from dltutor.codecheck.runner import Parsed
    from dltutor.codecheck.spec import exercise
    from dltutor.sandbox.scan import check_source

    spec, name = exercise(variant), filename or DEFAULT_FILENAME
    if not raw.strip():
        raise AnswerFormatError(f"{name} is empty; write {spec.signature} in it")
    finding = check_source(raw, name, list(spec.forbid))
    if finding is not None:
        raise AnswerFormatError(finding.message)
    if spec.function not in top_level_names(ast.parse(raw)):
        what = "class" if spec.forward else "function"
        raise AnswerFormatError(
            f"no {what} {spec.function} in {name}; the exercise asks for {spec.signature}"
        )
    if spec.also and spec.also.split("(")[0].strip() not in top_level_names(ast.parse(raw)):
        raise AnswerFormatError(
            f"no function {spec.also.split('(')[0].strip()} in {name}; the exercise asks for {spec.also} too"
        )
    if raw.strip() == spec.starter.read_text(encoding="utf-8").strip():
        raise AnswerFormatError(f"{name} is still the starter code; write {spec.function} first")
    return Parsed(raw, name, spec.function, raw.count("\n") + 1)


def top_level_names(tree: ast.Module) -> set[str]:
    """Names a module binds outside function and class bodies."""
    names: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        stack.extend(ast.iter_child_nodes(node))
    return names


def grade(parsed: Parsed, variant: Variant) -> Verdict:
    from dltutor.codecheck.runner import check as run_check

    return run_check(variant, parsed)


def describe(parsed: Parsed, variant: Variant | None = None) -> str:
    return f"{parsed.function} in {parsed.filename} ({parsed.lines} lines)"


def reference(variant: Variant) -> str:
    """The reference solution's source: what `bank validate` runs and a skip shows."""
    from dltutor.codecheck.spec import exercise

    return exercise(variant).reference.read_text(encoding="utf-8")


def wrong_text(variant: Variant, value: object) -> str:
    from dltutor.codecheck.spec import exercise

    return (exercise(variant).folder / str(value)).read_text(encoding="utf-8")


def starter(variant: Variant) -> str:
    from dltutor.codecheck.spec import exercise

    return exercise(variant).starter.read_text(encoding="utf-8")


def requirements(variant: Variant) -> str:
    """What every code prompt ends with: the signature and what is not allowed."""
    from dltutor.codecheck.spec import exercise

    spec = exercise(variant)
    text = f"**Signature:** `{spec.signature}`"
    if spec.forward:
        text = f"**Class:** `{spec.signature}`, with `{spec.forward}`"
    if spec.forbid:
        text += "  \n**Not allowed:** " + ", ".join(f"`{name}`" for name in spec.forbid)
    if spec.grad:
        text += "  \nGradients are checked too, through autograd."
    return text
