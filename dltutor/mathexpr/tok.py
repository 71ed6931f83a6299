"""The token every parsing step passes on (a leaf module: it imports nothing of ours)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

# ᵀ after a matrix or vector: a marker no learner name can produce (names may
# not start with '_', and this Dummy is not a Symbol anyone can type)
TRANSPOSE = sp.Dummy("T")


@dataclass
class Tok:
    kind: str  # num | name | atom | func | op | ( | ) | [ | ] | , | ; | = | $
    text: str  # the source text (for messages)
    pos: int  # index into the raw text
    value: Any = None  # SymPy value (num, atom) or function spec (func)
    end: int = -1  # index after the token in the raw text, when known

    def source(self, raw: str) -> str:
        """What the learner typed for this token (λw, not the normalised 'lambdaw')."""
        return raw[self.pos : self.end] if self.pos < self.end <= len(raw) else self.text
