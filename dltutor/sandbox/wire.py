"""The byte protocol between the tutor and the child, tutor side.

Both directions use the same framing: one line of JSON, then the raw bytes of
the arrays that line declares (`{"dtype": ..., "shape": [...]}` entries, in
order, C order, native little-endian). No pickle, no `np.load` of anything
but these declared buffers: the tutor validates every dtype, shape and size
before it builds an array, and anything odd fails the case, never the tutor.

tutor -> child (stdin, once): {"source", "filename", "forbidden", "limits",
    "confine" (what a Landlocked child may read and write), "trace" (bool:
    report the aten operations of each call),
    "calls": [{"function", "kwargs", "want_grad", "to_torch",
               "inputs": [spec...], "weights": [spec|null...]|null}]} + bytes
child -> tutor (the result pipe), in order:
    {"t": "ready"}                                  torch imported, waiting
    {"t": "loaded"} | {"t": "import-error"|"missing-function"|"forbidden",
                       "error": str}
    {"t": "case", "i": n, "error": str|null, "kind": str|null,
     "mutated": bool, "ops": [str]|null, "outputs": [spec]|null,
     "grads": [spec|null]|null} + bytes
    {"t": "done"}
"""

from __future__ import annotations

import json
import math
from typing import Any, cast

import numpy as np

from dltutor.sandbox.model import ALLOWED_DTYPES, Call, CaseResult

MAX_LINE = 1 << 20  # a header line, error text included, is never this long
MAX_RANK = 32
KINDS = frozenset({"ready", "loaded", "import-error", "missing-function", "forbidden", "case", "done"})
MAX_MESSAGES = 1 << 16  # far more than calls; a flood of tiny messages stops here


class ProtocolError(Exception):
    """The child sent something that does not follow the protocol."""


class TooLarge(ProtocolError):
    """The child sent more array bytes than Limits.result_bytes allows."""


def spec(array: np.ndarray) -> dict[str, Any]:
    return {"dtype": array.dtype.name, "shape": list(array.shape)}


def encode_job(
    source: str,
    filename: str,
    calls: list[Call],
    forbidden: list[str],
    limits: dict[str, float],
    extra: dict[str, Any] | None = None,
) -> bytes:
    header: dict[str, Any] = {
        "source": source,
        "filename": filename,
        **(extra or {}),
        "forbidden": forbidden,
        "limits": limits,
        "calls": [],
    }
    payload: list[bytes] = []
    for call in calls:
        weights = call.grad_weights if call.want_grad else None
        header["calls"].append(
            {
                "function": call.function,
                "kwargs": dict(call.kwargs),
                "want_grad": call.want_grad,
                "to_torch": call.to_torch,
                "inputs": [spec(a) for a in call.inputs],
                "weights": None if weights is None else [None if w is None else spec(w) for w in weights],
            }
        )
        payload.extend(
            np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
            for array in [*call.inputs, *(w for w in weights or () if w is not None)]
        )
    return json.dumps(header).encode() + b"\n" + b"".join(payload)


def payload_size(specs: list[Any]) -> int:
    """Bytes declared by a list of specs (None entries declare nothing)."""
    total = 0
    for item in specs:
        if item is None:
            continue
        if not (isinstance(item, dict) and item.get("dtype") in ALLOWED_DTYPES):
            raise ProtocolError(f"bad array description {str(item)[:80]}")
        shape = item.get("shape")
        if not (
            isinstance(shape, list)
            and len(shape) <= MAX_RANK
            and all(type(n) is int and 0 <= n < 1 << 40 for n in shape)
        ):
            raise ProtocolError(f"bad array shape {str(shape)[:80]}")
        total += math.prod(shape) * np.dtype(item["dtype"]).itemsize
    return total


def read_arrays(specs: list[Any], data: memoryview) -> list[np.ndarray | None]:
    arrays: list[np.ndarray | None] = []
    offset = 0
    for item in specs:
        if item is None:
            arrays.append(None)
            continue
        dtype = np.dtype(item["dtype"]).newbyteorder("<")
        size = math.prod(item["shape"]) * dtype.itemsize
        flat = np.frombuffer(data[offset : offset + size], dtype=dtype)
        arrays.append(flat.reshape(item["shape"]).astype(dtype.newbyteorder("="), copy=True))
        offset += size
    return arrays


class Decoder:
    """Incremental reader of the child's messages; feed() bytes as they come."""

    def __init__(self, max_bytes: int) -> None:
        self.buffer = bytearray()
        self.received = 0
        self.max_bytes = max_bytes
        self.header: dict[str, Any] | None = None
        self.need = 0
        self.messages: list[tuple[dict[str, Any], memoryview]] = []

    def feed(self, data: bytes) -> None:
        self.received += len(data)
        if self.received > self.max_bytes:
            raise TooLarge(f"the results are larger than {self.max_bytes} bytes")
        self.buffer += data
        while self._take_one():
            pass

    def _take_one(self) -> bool:
        if self.header is None:
            end = self.buffer.find(b"\n")
            if end < 0:
                if len(self.buffer) > MAX_LINE:
                    raise ProtocolError("a result header line is too long")
                return False
            try:
                header = json.loads(bytes(self.buffer[:end]))
            except (ValueError, RecursionError) as err:
                raise ProtocolError(f"a result line is not JSON: {err}") from None
            if not isinstance(header, dict) or not isinstance(header.get("t"), str):
                raise ProtocolError("a result line is not a message")
            if header["t"] not in KINDS:  # at once: nothing unknown is kept
                raise ProtocolError(f"unknown message {header['t'][:40]!r}")
            if len(self.messages) >= MAX_MESSAGES:
                raise ProtocolError(f"more than {MAX_MESSAGES} messages")
            del self.buffer[: end + 1]
            self.header = header
            self.need = payload_size(_listed(header, "outputs") + _listed(header, "grads"))
            if self.received - len(self.buffer) + self.need > self.max_bytes:
                raise TooLarge(f"the results are larger than {self.max_bytes} bytes")
        if len(self.buffer) < self.need:
            return False
        body = memoryview(bytes(self.buffer[: self.need]))
        del self.buffer[: self.need]
        self.messages.append((self.header, body))
        self.header = None
        return True


def _listed(header: dict[str, Any], key: str) -> list[Any]:
    value = header.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProtocolError(f"{key} is not a list")
    return value


def case_from_message(header: dict[str, Any], body: memoryview, call: Call) -> CaseResult:
    """A CaseResult from a "case" message, checked against what was asked."""
    error = header.get("error")
    if error is not None:
        return CaseResult(error=str(error)[:20_000], mutated_inputs=bool(header.get("mutated")))
    outputs_spec, grads_spec = _listed(header, "outputs"), _listed(header, "grads")
    if not outputs_spec or None in outputs_spec:
        raise ProtocolError("a case came back without outputs")
    arrays = read_arrays(outputs_spec + grads_spec, body)
    grads = arrays[len(outputs_spec) :] if call.want_grad else None
    if grads is not None and len(grads) != len(call.inputs):
        raise ProtocolError("a case came back with the wrong number of gradients")
    for grad, given in zip(grads or (), call.inputs):
        if grad is not None and grad.shape != given.shape:
            raise ProtocolError("a gradient came back with the wrong shape")
    # read_arrays gives None only for a None spec, and outputs_spec has none
    outputs = cast("list[np.ndarray]", arrays[: len(outputs_spec)])
    return CaseResult(
        outputs=outputs,
        grads=grads,
        mutated_inputs=header.get("mutated") is True,
        ops=_ops(header.get("ops")),
    )


def _ops(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not (
        isinstance(value, list)
        and len(value) <= 10_000
        and all(isinstance(op, str) and len(op) <= 200 for op in value)
    ):
        raise ProtocolError("a case came back with a bad list of operations")
    return tuple(value)
