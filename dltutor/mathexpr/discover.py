"""Which names in a free-standing expression are its variables.

`check-gradient "x*sigmoid(w*x + b)"` declares no variables, so they are read
off the text: every name that is not a function or a constant. A multi-letter
name directly before `(` is left alone, so that a misspelt function
(`sigmod(x)`) is reported as unknown rather than silently taken as a product.
"""

from __future__ import annotations

from .normalise import normalise
from .tokens import check_brackets, raw_tokens
from .vocabulary import CONSTANTS, FUNCTIONS


def free_names(text: str) -> list[str]:
    """Variables of `text` in order of first appearance."""
    src = normalise(text)
    check_brackets(src)
    toks = raw_tokens(src)
    names: list[str] = []
    for index, tok in enumerate(toks):
        if tok.kind != "name" or tok.text in FUNCTIONS or tok.text in CONSTANTS:
            continue
        calls = index + 1 < len(toks) and toks[index + 1].kind == "("
        if calls and len(tok.text) > 1:
            continue
        if tok.text not in names:
            names.append(tok.text)
    return names
