"""Normalised text that remembers where each character came from (a leaf module)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ExprFormatError


@dataclass
class Text:
    """Normalised text plus, for each character, its index in `raw`."""

    raw: str
    chars: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)

    def emit(self, s: str, pos: int) -> None:
        self.chars.append(s)
        self.origin.extend([pos] * len(s))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def raw_pos(self, i: int) -> int:
        return self.origin[i] if i < len(self.origin) else len(self.raw)


def fail(message: str, pos: int | None, raw: str) -> ExprFormatError:
    return ExprFormatError(message, pos, raw)
