"""Step 3 of parsing: names resolved, functions applied, implicit products added.

On the checked tokens: every name becomes a variable, parameter, constant or
function (or a unique run of declared names, `xy` -> x*y); textbook function
notation gets its parentheses (`sin^2(x)` -> (sin(x))^2, `sin θ` -> sin(θ),
`tanh² 4x` -> (tanh(4x))^2); then a `*` goes wherever two operands touch
(`2x`, `x(1-x)`, `σ(x)(1-σ(x))`, `(2/3)[a, b]`; not `x[0]`, which is
indexing). A bare application whose extent is not clear (`sin x(1 - x)`,
`sin x/2`) is refused with both readings, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable

from .names import Scope
from .normalise import fail
from .tok import Tok

_OPERAND_END = {"num", "atom", ")", "]"}
_OPERAND_START = {"num", "atom", "func", "("}


def resolve(toks: list[Tok], scope: Scope, raw: str) -> list[Tok]:
    """Names -> atoms/functions, bare applications parenthesised, implicit `*` added."""
    pieces: list[Tok] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        pieces += scope.resolve(tok, nxt, raw) if tok.kind == "name" else [tok]
    if not scope.formula:
        pieces = bare_calls(pieces, raw)
    out: list[Tok] = []
    for piece in pieces:
        _append(out, piece, raw)
    for k, tok in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        if tok.kind == "func" and (nxt is None or nxt.kind != "("):
            raise fail(f"{tok.source(raw)} needs parentheses, as in {tok.text}(x)", tok.pos, raw)
    return out


def _append(out: list[Tok], tok: Tok, raw: str) -> None:
    prev = out[-1] if out else None
    bracket = tok.kind == "[" and prev is not None and prev.kind in ("num", ")", "]")
    if prev is not None and prev.kind in _OPERAND_END and (tok.kind in _OPERAND_START or bracket):
        if tok.kind == "num":
            raise fail(
                f"missing operator before {tok.text} (a number cannot follow '{prev.source(raw)}' directly)",
                tok.pos,
                raw,
            )
        out.append(Tok("op", "*", tok.pos))
    out.append(tok)


def function_powers(toks: list[Tok], is_function: Callable[[str], bool], raw: str = "") -> list[Tok]:
    """sin^2(x) -> (sin(x))^2, the textbook notation for a power of a function.

    sin^-1 is refused: books mean arcsin by it, and a reader could mean 1/sin.
    """
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "name" and is_function(t.text) and _inverse_power(toks, k + 1):
            last = toks[k + (3 if toks[k + 2].text == "-" else 5)]
            typed = raw[t.pos : last.end] if raw and last.end > 0 else f"{t.text}⁻¹"
            raise fail(
                f"'{typed}' is ambiguous: did you mean a{t.text}(…), the inverse "
                f"function, or 1/{t.text}(…)? Write one of them",
                t.pos,
                raw,
            )
        power = _power_after(toks, k + 1) if t.kind == "name" and is_function(t.text) else None
        if power is not None and power[1] < len(toks) and toks[power[1]].kind == "(":
            start = power[1]
            end = _matching(toks, start)
            inner = function_powers(toks[start + 1 : end], is_function, raw)
            out += [
                Tok("(", "(", t.pos),
                t,
                toks[start],
                *inner,
                toks[end],
                Tok(")", ")", t.pos),
                Tok("op", "**", t.pos),
                power[0],
            ]
            k = end + 1
            continue
        out.append(t)
        k += 1
    return out


def _inverse_power(toks: list[Tok], k: int) -> bool:
    """`** -1` or `** (-1)` at toks[k]."""
    texts = [t.text for t in toks[k : k + 5]]
    return texts[:3] == ["**", "-", "1"] or texts[:5] == ["**", "(", "-", "1", ")"]


def _power_after(toks: list[Tok], k: int) -> tuple[Tok, int] | None:
    """`** n` or `** (n)` at toks[k] with n a positive integer: (n, index after it)."""
    if k + 1 >= len(toks) or toks[k].text != "**":
        return None
    if toks[k + 1].kind == "num":
        n, after = toks[k + 1], k + 2
    elif (
        toks[k + 1].kind == "("
        and k + 3 < len(toks)
        and toks[k + 2].kind == "num"
        and toks[k + 3].kind == ")"
    ):
        n, after = toks[k + 2], k + 4
    else:
        return None
    return (n, after) if n.value.is_Integer and n.value > 0 else None


def _matching(toks: list[Tok], start: int) -> int:
    depth = 0
    for i in range(start, len(toks)):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(toks[i].kind, 0)
        if depth == 0:
            return i
    return len(toks) - 1  # unreachable: brackets were checked before tokenizing


def bare_calls(toks: list[Tok], raw: str) -> list[Tok]:
    """sin θ -> sin(θ); sin 2x -> sin(2x); tanh² 4x -> (tanh(4x))²; ln w + 1 -> ln(w) + 1."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        f = toks[k]
        power = _power_after(toks, k + 1) if f.kind == "func" else None
        start = power[1] if power else k + 1
        if (
            f.kind != "func"
            or start >= len(toks)
            or toks[start].kind == "("
            or toks[start].kind not in ("num", "atom", "func")
        ):
            out.append(f)
            k += 1
            continue
        end = _argument_end(toks, start)
        if end == start:
            out.append(f)
            k += 1
            continue
        _check_extent(f, toks, start, end, raw)
        inner = bare_calls(toks[start:end], raw)
        call = [f, Tok("(", "(", toks[start].pos), *inner, Tok(")", ")", toks[end - 1].pos)]
        out += (
            [Tok("(", "(", f.pos), *call, Tok(")", ")", f.pos), Tok("op", "**", f.pos), power[0]]
            if power
            else call
        )
        k = end
    return out


def _argument_end(toks: list[Tok], k: int) -> int:
    """The end of a textbook argument: numbers, names and their powers, or f(...) calls."""
    while k < len(toks):
        t = toks[k]
        if t.kind in ("num", "atom"):
            k += 1
        elif t.kind == "func" and k + 1 < len(toks) and toks[k + 1].kind == "(":
            k = _matching(toks, k + 1) + 1
        else:
            break
        if k + 1 < len(toks) and toks[k].text == "**":
            k = _matching(toks, k + 1) + 1 if toks[k + 1].kind == "(" else k + 2
    return k


def _check_extent(f: Tok, toks: list[Tok], start: int, end: int, raw: str) -> None:
    if end >= len(toks) or not (toks[end].kind == "(" or toks[end].text == "/"):
        return
    last = toks[end - 1]
    arg = raw[toks[start].pos : last.end if last.end > 0 else last.pos + len(last.text)].strip()
    stop = _matching(toks, end) if toks[end].kind == "(" else min(end + 1, len(toks) - 1)
    tail = toks[stop]
    rest = raw[toks[end].pos : tail.end if tail.end > 0 else tail.pos + len(tail.text)].strip()
    name = f.source(raw)
    raise fail(
        f"'{name} {arg}{rest}' is ambiguous: did you mean {name}({arg}){rest} or "
        f"{name}({arg}{rest})? Write the parentheses",
        f.pos,
        raw,
    )


__all__ = ["resolve", "function_powers", "bare_calls"]
