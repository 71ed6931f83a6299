"""Static checks of learner source, done in the tutor before any process starts.

A syntax error or a forbidden library function is reported from here in
milliseconds. The forbidden-name scan is a teaching aid that catches the
natural ways of reaching a function (`torch.softmax`, `F.softmax` after
`import torch.nn.functional as F`, `from torch import softmax`, `x.softmax()`
for a forbidden Tensor method, `getattr(torch, "softmax")`); the harness's
run-time replacement catches what a static scan cannot.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Literal

MAX_SOURCE_CHARS = 1_000_000


@dataclass(frozen=True)
class Finding:
    status: Literal["syntax-error", "forbidden"]
    message: str
    line: int | None


def check_source(text: str, filename: str, forbidden: list[str]) -> Finding | None:
    """The first syntax error or forbidden use in `text`, or None."""
    if len(text) > MAX_SOURCE_CHARS:
        return Finding("syntax-error", f"{filename} is longer than {MAX_SOURCE_CHARS} characters", None)
    try:
        tree = ast.parse(text, filename=filename)
    except SyntaxError as err:
        line = err.lineno
        where = f"{filename}, line {line}" if line else filename
        return Finding("syntax-error", f"{where}: {err.msg}", line)
    except ValueError as err:  # null bytes in the source
        return Finding("syntax-error", f"{filename}: {err}", None)
    return _Scanner(forbidden).first_use(tree, filename)


class _Scanner(ast.NodeVisitor):
    def __init__(self, forbidden: list[str]) -> None:
        self.forbidden = set(forbidden)
        self.short = {name.rsplit(".", 1)[-1] for name in forbidden}
        # "softmax", "functional.softmax", ...: every dotted tail, for string literals
        self.tails = {
            ".".join(name.split(".")[i:]) for name in forbidden for i in range(len(name.split(".")))
        }
        # owners that are classes (torch.Tensor): `anything.softmax` is a method use
        self.methods = {
            name.rsplit(".", 1)[-1]
            for name in forbidden
            if len(name.split(".")) > 1 and name.split(".")[-2][:1].isupper()
        }
        self.aliases: dict[str, str] = {}  # local name -> dotted module path
        self.hits: list[tuple[int, str]] = []

    def first_use(self, tree: ast.AST, filename: str) -> Finding | None:
        self.visit(tree)
        if not self.hits:
            return None
        line, name = min(self.hits)
        return Finding(
            "forbidden",
            f"{filename}, line {line}: {name} is not allowed in this exercise; write it yourself",
            line,
        )

    def hit(self, node: ast.AST, name: str) -> None:
        self.hits.append((getattr(node, "lineno", 0), name))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in self.forbidden:
                self.hit(node, alias.name)
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:  # `import torch.nn.functional` binds `torch`
                top = alias.name.split(".")[0]
                self.aliases[top] = top

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            full = f"{module}.{alias.name}"
            if alias.name == "*":
                for name in self.forbidden:
                    if name.rsplit(".", 1)[0] == module:
                        self.aliases[name.rsplit(".", 1)[-1]] = name
            elif full in self.forbidden:
                self.hit(node, full)
            else:
                self.aliases[alias.asname or alias.name] = full

    def visit_Name(self, node: ast.Name) -> None:
        full = self.aliases.get(node.id)
        if full in self.forbidden:  # a star import or an alias of a forbidden name
            self.hit(node, full)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = _dotted(node)
        if chain is not None:
            head, _, rest = chain.partition(".")
            full = f"{self.aliases.get(head, head)}.{rest}"
            if full in self.forbidden:
                return self.hit(node, full)
        if node.attr in self.methods and not _is_self(node.value):
            owner = next(n for n in self.forbidden if n.endswith("." + node.attr))
            return self.hit(node, owner)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value in self.tails:
            full = next(n for n in self.forbidden if n.endswith(node.value))
            self.hit(node, f"{full} (named as the string {node.value!r})")


def _dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a plain name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _is_self(node: ast.AST) -> bool:
    # `self.softmax(...)` calls the learner's own method, not Tensor.softmax
    return isinstance(node, ast.Name) and node.id in ("self", "cls")
