"""The source of a function or class defined in a notebook cell, as a file.

The sandbox grades files, exactly as `--answer-file` does, so a notebook
object is turned back into one: its own source (IPython keeps every cell's
source, so `inspect` finds it), the modules it names (`torch`, `F`, `np`)
imported under the same names, the helpers from the same notebook it calls,
and plain constants it reads. Nothing is run here; the file runs only in the
sandbox. What has no source (a lambda, a C function, code typed into
`python -c`) is a clear NotFoundError, never a traceback from `inspect`.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import textwrap
import types
from typing import Any

from dltutor.errors import NotFoundError

_CONSTANTS = (int, float, complex, str, bool, bytes, type(None))
_MAX_HELPERS = 50  # a notebook rarely has more; stops a walk through a huge namespace


def answer_file(obj: Any, name: str) -> str:
    """A .py file defining `name` from `obj` (a function or class) and what it uses."""
    source = own_source(obj)
    lines: list[str] = []
    helpers = _helpers(obj, source, lines)
    body = "\n\n".join([*helpers, source])
    alias = [] if obj.__name__ == name else [f"\n{name} = {obj.__name__}"]
    return "\n".join([*sorted(set(lines)), "", body, *alias]) + "\n"


def own_source(obj: Any) -> str:
    what = getattr(obj, "__name__", type(obj).__name__)
    if not (inspect.isfunction(obj) or inspect.isclass(obj)):
        raise NotFoundError(
            f"{what} is not a function or class defined in Python: give "
            "the function (or class) you wrote, e.g. check_code(id, softmax)"
        )
    if obj.__name__ == "<lambda>":
        raise NotFoundError(
            "a lambda has no source of its own to check: define it with def NAME(...) in a cell and pass NAME"
        )
    source: str | None
    try:
        source = textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError):
        source = _class_source(obj) if inspect.isclass(obj) else None
    if source is None:
        raise NotFoundError(
            f"the source of {what} cannot be found (it was not defined in a "
            "notebook cell or a file); define it in a cell or use "
            "--answer-file"
        ) from None
    if obj.__qualname__ != obj.__name__:
        raise NotFoundError(
            f"{obj.__qualname__} is defined inside another function or class; "
            "define it at the top level of a cell"
        )
    return source


def _class_source(cls: type) -> str | None:
    """A notebook class's source, found through its methods' cell: `inspect` looks
    for a class in its module's file, which a notebook's `__main__` does not have."""
    import linecache

    for member in vars(cls).values():
        function = getattr(member, "__func__", member)
        code = getattr(function, "__code__", None)
        if code is None:
            continue
        text = "".join(linecache.getlines(code.co_filename))
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
                return ast.get_source_segment(text, node, padded=False)
    return None


def _helpers(obj: Any, source: str, imports: list[str]) -> list[str]:
    """Sources of same-notebook helpers that `source` uses (recursively), and
    import and constant lines for the other names it reads."""
    namespace = _namespace(obj)
    seen, pending, helpers = {obj.__name__}, list(_free_names(source)), list[str]()
    while pending and len(helpers) < _MAX_HELPERS:
        name = pending.pop()
        if name in seen or name not in namespace:
            continue
        seen.add(name)
        value = namespace[name]
        if isinstance(value, types.ModuleType):
            imports.append(_import_line(value, name))
        elif isinstance(value, _CONSTANTS):
            imports.append(f"{name} = {value!r}")
        elif _defined_alongside(value, obj):
            helper = own_source(value)
            helpers.insert(0, helper)
            pending.extend(_free_names(helper))
        elif inspect.isfunction(value) or inspect.isclass(value):
            module = getattr(value, "__module__", None)
            if module and "." not in value.__qualname__:
                imports.append(f"from {module} import {value.__qualname__} as {name}")
    return helpers


def _namespace(obj: Any) -> dict[str, Any]:
    if inspect.isfunction(obj):
        return obj.__globals__
    import sys

    module = sys.modules.get(obj.__module__)
    return vars(module) if module is not None else {}


def _defined_alongside(value: Any, obj: Any) -> bool:
    return (inspect.isfunction(value) or inspect.isclass(value)) and getattr(
        value, "__module__", None
    ) == obj.__module__


def _import_line(module: types.ModuleType, name: str) -> str:
    full = module.__name__
    return f"import {full}" if full == name else f"import {full} as {name}"


def _free_names(source: str) -> set[str]:
    """Names read in `source` that nothing in it binds and that are not builtins."""
    tree = ast.parse(source)
    read, bound = set[str](), set[str]()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return read - bound - set(dir(builtins))
