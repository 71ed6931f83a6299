"""The question kinds. Each is a module with the interface of `kinds.base`.

Modules are imported on first use, so a quiz of choice questions never pays
for SymPy or PyTorch.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KIND_NAMES = ("choice", "numeric", "shape", "expression", "derivative", "matrix", "code")


def kind_module(name: str) -> ModuleType:
    return importlib.import_module(f"dltutor.kinds.{name}")
