"""A bank's Python, run where it belongs: the built-in bank's in the tutor,
every other bank's in the sandbox (DESIGN §5, SECURITY.md).

Only the bank shipped inside the package is trusted to run in the tutor's
process. A downloaded bank's reference, wrong solutions, case generator
and checker run in a sandbox child like a learner's file, through small
adapters that turn what they return into arrays: a generator's case list
and a checker's finding come back as UTF-8 JSON in a uint8 array, which
the tutor parses and validates like any other input. Their results are
cached by content hash (cachekey.py), so the cost is paid once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.errors import BankError
from dltutor.sandbox import Call, Limits, run_calls

# bank code is slow honest code more often than hostile: generous, but bounded
BANK_LIMITS = Limits(cpu_seconds=60, wall_seconds=120, memory_bytes=3 << 30)
MAX_JSON = 8 << 20

_JSON_OUT = """
def __dltutor_json__(value):
    import json as _json, numpy as _np
    def plain(item):
        if isinstance(item, _np.ndarray):
            return item.tolist()
        if isinstance(item, _np.generic):
            return item.item()
        raise TypeError(f"{type(item).__name__} cannot be returned")
    return _np.frombuffer(_json.dumps(value, default=plain).encode(), dtype=_np.uint8).copy()
def __dltutor_cases__(*arrays, __seed__):
    import numpy as _np
    return __dltutor_json__(cases(_np.random.default_rng(__seed__)))
def __dltutor_check__(*arrays, __split__, __case__, __outputs__=None):
    import inspect as _inspect, json as _json, types as _types
    info = _json.loads(__case__)
    case = _types.SimpleNamespace(arrays=tuple(arrays[:__split__]), **info)
    rest = list(arrays[__split__:])
    if __outputs__ is None:
        return __dltutor_json__(check(case, rest))
    outputs, again = rest[:__outputs__], rest[__outputs__:]
    if len(_inspect.signature(check).parameters) >= 3:  # also sees a second call's outputs
        return __dltutor_json__(check(case, outputs, again or None))
    return __dltutor_json__(check(case, outputs))
"""
ADAPTER = f"\nexec(compile({_JSON_OUT!r}, '<dltutor>', 'exec'))\n"


def is_builtin(path: Path) -> bool:
    """Whether `path` belongs to the bank shipped inside the package."""
    from dltutor.bank.catalogue import builtin_bank

    return Path(path).resolve().is_relative_to(builtin_bank().resolve())


def _run(path: Path, calls: list[Call], extra: str = "") -> list:
    """Run `path`'s code with `calls` in a sandbox; the CaseResults, or a
    BankError when the file cannot run at all."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(f"cannot read {path}: {exc}") from None
    result = run_calls(source + extra, calls, limits=BANK_LIMITS, filename=str(path))
    if result.status != "ok":
        raise BankError(f"{path} (run in the sandbox, {result.isolation or 'not started'}): {result.message}")
    return result.cases


def _json_result(case: Any, path: Path) -> Any:
    if case.error is not None:
        raise BankError(f"{path} fails in the sandbox: {case.error}")
    data = case.outputs[0] if case.outputs else None
    if data is None or data.dtype != np.uint8 or data.ndim != 1 or data.size > MAX_JSON:
        raise BankError(f"{path}: the sandbox sent back no readable result")
    try:
        return json.loads(data.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BankError(f"{path}: the sandbox sent back no readable result") from None


def generated(path: Path, rng: np.random.Generator) -> list:
    """A generator's cases: `cases(rng)` in the tutor for the built-in bank;
    in the sandbox (dicts only, seeded from `rng`) for any other."""
    if is_builtin(path):
        from dltutor.codecheck.trusted import load_module

        return load_module(path).cases(rng)
    seed = int(rng.integers(1 << 62))
    found = _json_result(
        _run(path, [Call("__dltutor_cases__", [], {"__seed__": seed}, to_torch=False)], ADAPTER)[0], path
    )
    if not isinstance(found, list) or not all(isinstance(spec, dict) for spec in found):
        raise BankError(f"{path}: cases(rng) must return a list of case mappings")
    return found


def outcomes(
    path: Path, function: str, cases: Sequence[Any], jobs: Sequence[Any], to_torch: bool = True
) -> list:
    """Outcomes of `function` in a third-party bank file on the tutor's jobs
    (.case, .weights), called exactly as a learner's function is (with NumPy
    arrays for a `numpy: true` exercise: `to_torch=False`)."""
    from dltutor.codecheck.prepare import ADAPTER_LINE, ENTRY
    from dltutor.codecheck.trusted import Outcome

    calls = [
        Call(
            ENTRY,
            cases[job.case].arrays,
            {**cases[job.case].kwargs, "__fn__": function, "__layout__": list(cases[job.case].layout)},
            want_grad=job.weights is not None,
            grad_weights=job.weights,
            to_torch=to_torch,
        )
        for job in jobs
    ]
    results = _run(path, calls, ADAPTER_LINE)
    return [Outcome(c.outputs, c.grads, c.error, c.mutated_inputs) for c in results]


def checker(path: Path | None, pairs: Sequence[tuple[Any, Any]]) -> Callable | None:
    """`check(case, outputs[, again])`: the built-in module's own, or for a
    third-party checker the findings computed in one sandbox run for every
    (case, probed result) pair given; a second call's outputs go along."""
    if path is None:
        return None
    if is_builtin(path):
        from dltutor.codecheck.trusted import load_module

        return load_module(path).check
    usable = [(case, got) for case, got in pairs if getattr(got, "outputs", None) is not None]
    calls = [
        Call(
            "__dltutor_check__",
            [*case.arrays, *got.outputs, *(got.again or [])],
            {
                "__split__": len(case.arrays),
                "__case__": json.dumps(_case_info(case)),
                "__outputs__": len(got.outputs),
            },
            to_torch=False,
        )
        for case, got in usable
    ]
    found = [_finding(_json_result(c, path), path) for c in _run(path, calls, ADAPTER)] if calls else []
    table = {id(got.outputs): finding for (_, got), finding in zip(usable, found)}
    return lambda case, outputs, again=None: table.get(id(outputs))


def _case_info(case: Any) -> dict[str, Any]:
    return {
        "kwargs": case.kwargs,
        "layout": list(case.layout),
        "names": list(case.names),
        "note": case.note,
        "grad": case.grad,
    }


def _finding(value: Any, path: Path) -> tuple[str, str | None] | None:
    if value is None:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and (value[1] is None or isinstance(value[1], str))
    ):
        return value[0][:4000], value[1]
    raise BankError(f"{path}: check() must return None or (message, mistake)")
