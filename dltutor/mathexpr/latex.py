"""The LaTeX a learner copies from a book, as the parser's own ASCII forms.

Translated command by command into the same normalised text as typed math
(\\frac{a}{b} -> ((a)/(b)), \\sqrt[n]{x} -> ((x)**(1/(n))), \\cdot -> *,
\\alpha -> alpha, \\tanh -> tanh, \\left( -> (); the result goes through the
same tokenizer and whitelist as everything else, so nothing is ever evaluated.
Braces are grouping: ^{-x} is ^(-x). Positions still point into the raw text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .unicode_forms import GREEK

if TYPE_CHECKING:
    from .normalise import Reader

GREEK_NAMES = set(GREEK.values()) | {"varepsilon", "vartheta", "varphi", "varsigma", "varrho"}
FUNCTION_NAMES = {
    "exp",
    "ln",
    "log",
    "sin",
    "cos",
    "tan",
    "sec",
    "csc",
    "cot",
    "sinh",
    "cosh",
    "tanh",
    "coth",
    "arcsin",
    "arccos",
    "arctan",
    "max",
    "min",
    "sgn",
    "operatorname",
    "mathrm",
    "text",
    "textrm",
    "mathit",
    "mathbf",
    "boldsymbol",
    "bm",
    "vec",
    "mathbb",
}
ACCENT_SUFFIX = {
    "hat": "hat",
    "widehat": "hat",
    "bar": "bar",
    "overline": "bar",
    "tilde": "tilde",
    "widetilde": "tilde",
    "dot": "dot",
}
OPERATORS = {
    "cdot": "*",
    "times": "*",
    "div": "/",
    "ast": "*",
    "pm": None,
    "mp": None,
    "left": "",
    "right": "",
    "bigl": "",
    "bigr": "",
    "Bigl": "",
    "Bigr": "",
    "big": "",
    "Big": "",
    "mathrm": "",
    "displaystyle": "",
    "quad": " ",
    "qquad": " ",
    "infty": "oo",
    "top": "_T",
    "intercal": "_T",
    "pi": "pi",
}
SPACES = {",", ";", ":", "!", " ", "\\"}
MAX_GROUPS = 40


def command(r: Reader, i: int) -> int:
    """Translate the command at raw[i] == '\\'; return the index after it."""
    raw, j = r.raw, i + 1
    if j < len(raw) and raw[j] in SPACES:
        r.out.emit(" ", i)
        return j + 1
    while j < len(raw) and raw[j].isalpha():
        j += 1
    name = raw[i + 1 : j]
    if not name:
        raise r.fail("a '\\' must start a LaTeX command such as \\frac or \\sqrt", i)
    if name in ("frac", "dfrac", "tfrac"):
        return _frac(r, i, j)
    if name == "sqrt":
        return _sqrt(r, i, j)
    if name in ACCENT_SUFFIX:
        return _accent(r, i, j, ACCENT_SUFFIX[name])
    if (
        name
        in (
            "operatorname",
            "mathrm",
            "text",
            "textrm",
            "mathit",
            "mathbf",
            "boldsymbol",
            "bm",
            "vec",
            "mathbb",
        )
        and _next(raw, j) == "{"
    ):
        return _plain(r, j)
    if name in ("left", "right") and j < len(raw) and raw[j] in ".":
        return j + 1  # \left. is an invisible bracket
    if name in OPERATORS:
        operator = OPERATORS[name]
        if operator is None:
            raise r.fail(f"'\\{name}' (two answers in one) is not allowed", i)
        if operator == "oo" and not r.formula:
            raise r.fail("infinity is not a value you can use here", i)
        r.out.emit(operator, i)
        return j
    if name in GREEK_NAMES or name in FUNCTION_NAMES:
        # a space before, none after: \alpha_1 is the name alpha_1, \alpha x is alpha*x
        r.out.emit(f" {name.removeprefix('var') if name.startswith('var') else name}", i)
        return j
    raise r.fail(f"unknown LaTeX command '\\{name}'", i)


def _next(raw: str, j: int) -> str:
    while j < len(raw) and raw[j] == " ":
        j += 1
    return raw[j : j + 1]


def group(r: Reader, j: int) -> tuple[int, int, int]:
    """(start, stop, after) of the {…} group at or after raw[j] (or of one character)."""
    raw = r.raw
    while j < len(raw) and raw[j] == " ":
        j += 1
    if j >= len(raw):
        raise r.fail("a LaTeX command is missing its {…} argument", len(raw))
    if raw[j] != "{":
        return j, j + 1, j + 1  # \frac12 and \sqrt x, as TeX reads them
    depth = 0
    for k in range(j, len(raw)):
        depth += {"{": 1, "}": -1}.get(raw[k], 0)
        if depth == 0:
            return j + 1, k, k + 1
    raise r.fail("missing closing '}' for this '{'", j)


def _frac(r: Reader, i: int, j: int) -> int:
    top, top_end, after = group(r, j)
    bottom, bottom_end, after = group(r, after)
    r.out.emit("((", i)
    r.run(top, top_end)
    r.out.emit(")/(", top_end)
    r.run(bottom, bottom_end)
    r.out.emit("))", bottom_end)
    return after


def _sqrt(r: Reader, i: int, j: int) -> int:
    degree = None
    if _next(r.raw, j) == "[":
        start = r.raw.index("[", j)
        stop = r.raw.find("]", start)
        if stop < 0:
            raise r.fail("missing closing ']' for this '['", start)
        degree, j = (start + 1, stop), stop + 1
    inside, end, after = group(r, j)
    r.out.emit("((" if degree else "sqrt(", i)
    r.run(inside, end)
    if degree:
        r.out.emit(")**(1/(", end)
        r.run(*degree)
        r.out.emit("))", end)
    r.out.emit(")", end)
    return after


def _accent(r: Reader, i: int, j: int, suffix: str) -> int:
    inside, end, after = group(r, j)
    letters = r.raw[inside:end].strip().lstrip("\\")
    if not letters.isalpha():
        raise r.fail(f"'\\{r.raw[i + 1 : j]}' takes one name, such as \\hat{{y}}", i)
    r.out.emit(f" {GREEK.get(letters, letters)}{suffix} ", i)
    return after


def _plain(r: Reader, j: int) -> int:
    """\\operatorname{relu}, \\mathbf{x}: the group's text is a name."""
    inside, end, after = group(r, j)
    r.out.emit(" ", inside)
    r.run(inside, end)
    r.out.emit(" ", end)
    return after
