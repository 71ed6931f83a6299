"""dltutor: a command-line tutor for the math and architectures of deep learning.

From Python or a notebook (see `dltutor.api`)::

    import dltutor
    dltutor.check_gradient("log(1 + e^x)", "σ(x)")
    dltutor.grade("act.d-sigmoid", "σ(x)(1 - σ(x))")
    dltutor.check_code("code.softmax", softmax)

The API is loaded on first use, so `import dltutor` (and every CLI start)
stays as cheap as it was: no SymPy, no torch, not even the API module.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = ("check_gradient", "question", "grade", "check_code", "check_backward")
__all__ = list(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        from dltutor import api

        return getattr(api, name)
    raise AttributeError(f"module 'dltutor' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_API))
