"""What a name means in one question: variable, parameter, constant, function.

Declared variables win over everything (a question may call a variable `e`,
`gamma`, `lambda` or `sigma`); a name nobody declared is split into declared
pieces (`xy` -> x*y) only when there is exactly one way to do it; otherwise it
is an error that suggests the closest known name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .normalise import fail
from .tok import TRANSPOSE, Tok
from .vocabulary import CONSTANTS, FUNCTIONS

MAX_SPLIT = 24
# author-mode calls with their own argument rules (see ast_build)
FORMULA_CALLS = ("Derivative", "diff", "Sum", "Integral", "transpose")


@dataclass
class Scope:
    variables: dict[str, sp.Symbol] = field(default_factory=dict)
    params: dict[str, sp.Expr] = field(default_factory=dict)
    formula: bool = False
    matrices: dict[str, sp.Basic] = field(default_factory=dict)
    functions: dict[str, Any] = field(default_factory=dict)  # author-declared f, g, L ...
    aliases: dict[str, str] = field(default_factory=dict)  # x_1 -> x1 when x1 is declared

    def __post_init__(self) -> None:
        declared = list(self.variables) + list(self.params)
        spellings: dict[str, set[str]] = {}
        for name in declared:
            for variant in spellings_of(name):
                spellings.setdefault(variant, set()).add(name)
        self.aliases = {
            v: next(iter(ns)) for v, ns in spellings.items() if len(ns) == 1 and v not in declared
        }

    def declares(self, name: str) -> bool:
        return name in self.variables or name in self.params or name in self.aliases

    def is_function(self, name: str) -> bool:
        return (
            name not in self.variables
            and name not in self.params
            and (name in FUNCTIONS or (self.formula and name in FORMULA_CALLS))
        )

    def resolve(self, tok: Tok, nxt: Tok | None, raw: str) -> list[Tok]:
        name, called = tok.text, nxt is not None and nxt.kind == "("
        if (name.startswith("_") and name != "_T") or "__" in name:
            raise fail(f"'{name}': names may not start with '_' or contain '__'", tok.pos, raw)
        meaning = self.meaning(name, called)
        if meaning is not None:
            return [Tok(meaning[0], name, tok.pos, meaning[1], tok.end)]
        pieces = None if self.formula else self.split(name, called)
        if pieces is None:
            raise fail(self.unknown(name, called, tok.source(raw)), tok.pos, raw)
        out, at = [], tok.pos
        for k, piece in enumerate(pieces):
            kind, value = self.meaning(piece, called and k == len(pieces) - 1)  # type: ignore[misc]
            out.append(Tok(kind, piece, at, value, tok.end if k == len(pieces) - 1 else -1))
            at += len(piece)
        return out

    def meaning(self, name: str, called: bool) -> tuple[str, Any] | None:
        if name == "_T" and not called:
            return "atom", TRANSPOSE
        name = self.aliases.get(name, name)
        if name in ("log_2", "log_10") and name not in self.variables:
            name = name.replace("_", "")
        if name in self.variables:
            return "atom", self.variables[name]
        if name in self.params:
            return "atom", self.params[name]
        if name in self.matrices:
            return "atom", self.matrices[name]
        if name in self.functions and called:
            return "func", self.functions[name]
        if self.is_function(name) and (called or not self.formula):
            return "func", name
        if name in CONSTANTS and not (self.formula and called):
            return "atom", CONSTANTS[name]
        if self.formula and name in ("oo", "inf") and not called:
            return "atom", sp.oo
        if self.formula and called and name in self.functions:
            return "func", self.functions[name]
        return ("atom", sp.Symbol(name)) if self.formula else None

    def split(self, name: str, called: bool) -> list[str] | None:
        """The unique way to read `name` as a product of known names, if any."""
        if len(name) > MAX_SPLIT:
            return None
        atoms = set(self.variables) | set(self.params) | set(CONSTANTS) | set(self.aliases)
        ways: dict[int, list[list[str]]] = {len(name): [[]]}
        for i in range(len(name) - 1, -1, -1):
            ways[i] = []
            for j in range(i + 1, len(name) + 1):
                piece = name[i:j]
                ok = piece in atoms or (called and j == len(name) and self.is_function(piece))
                if ok:
                    ways[i] += [[piece, *rest] for rest in ways[j]][:2]
            ways[i] = ways[i][:2]
        found = ways[0]
        return found[0] if len(found) == 1 and len(found[0]) > 1 else None

    def unknown(self, name: str, called: bool, typed: str | None = None) -> str:
        """The message for an unknown name; it quotes what the learner typed."""
        typed = typed or name
        if called:
            close = difflib.get_close_matches(name, list(FUNCTIONS), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else ""
            return f"unknown function '{typed}'{hint}"
        known = sorted(set(self.variables) | set(self.params))
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if not close and len(name) > 2:
            close = difflib.get_close_matches(name, list(FUNCTIONS) + list(CONSTANTS), n=1, cutoff=0.75)
        stem = name.rstrip("0123456789")
        if stem != name and stem in known:
            digits = name[len(stem) :]
            hint = f"; for a power write {stem}^{digits}, for a product {stem}*{digits}"
        elif close:
            hint = f"; did you mean {close[0]}?"
        elif len(known) == 1:
            hint = f"; did you mean {known[0]}?"
        else:
            hint = f"; the variables are {', '.join(known)}" if known else ""
        what = "a variable of this question" if known else "a known name"
        return f"'{typed}' is not {what}{hint}"


def spellings_of(name: str) -> set[str]:
    """Ways to write one declared name: x1, x_1 (and x₁, which reads as x_1); yhat, y_hat."""
    bare = name.replace("_", "")
    out = {name, bare}
    stem = bare.rstrip("0123456789")
    if stem and stem != bare:
        out.add(f"{stem}_{bare[len(stem) :]}")
    for suffix in ("hat", "bar", "tilde", "dot"):
        if bare.endswith(suffix) and len(bare) > len(suffix):
            out.add(f"{bare[: -len(suffix)]}_{suffix}")
    return out
