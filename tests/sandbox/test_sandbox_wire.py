"""The tutor side of the protocol refuses anything odd, without a child."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dltutor.sandbox import Call, Limits
from dltutor.sandbox.outcome import assemble
from dltutor.sandbox.wire import Decoder, ProtocolError, TooLarge, case_from_message


def message(header: dict, *arrays: np.ndarray) -> bytes:
    return json.dumps(header).encode() + b"\n" + b"".join(a.tobytes() for a in arrays)


def case(outputs: list[np.ndarray], **extra) -> bytes:
    specs = [{"dtype": a.dtype.name, "shape": list(a.shape)} for a in outputs]
    return message({"t": "case", "i": 0, "error": None, "outputs": specs, **extra}, *outputs)


def test_messages_split_anywhere_are_reassembled() -> None:
    data = message({"t": "ready"}) + case([np.arange(6.0).reshape(2, 3)])
    decoder = Decoder(1 << 20)
    for byte in data:
        decoder.feed(bytes([byte]))
    assert [h["t"] for h, _ in decoder.messages] == ["ready", "case"]
    header, body = decoder.messages[1]
    result = case_from_message(header, body, Call("f", [np.zeros(2)]))
    assert np.array_equal(result.outputs[0], np.arange(6.0).reshape(2, 3))
    assert result.outputs[0].flags.writeable and result.outputs[0].flags.owndata


@pytest.mark.parametrize(
    "line",
    [
        b"not json\n",
        b"[1, 2]\n",
        b'{"no": "type"}\n',
        b'{"t": "case", "outputs": [{"dtype": "object", "shape": [1]}]}\n',
        b'{"t": "case", "outputs": [{"dtype": "float64", "shape": [-1]}]}\n',
        b'{"t": "case", "outputs": [{"dtype": "float64", "shape": [1.5]}]}\n',
        b'{"t": "case", "outputs": "x"}\n',
        b"[" * 100_000 + b"\n",
    ],
)
def test_malformed_messages_are_protocol_errors(line: bytes) -> None:
    with pytest.raises(ProtocolError):
        Decoder(1 << 20).feed(line)


def test_huge_declared_or_sent_sizes_are_refused_early() -> None:
    with pytest.raises(TooLarge):
        Decoder(1 << 20).feed(
            b'{"t": "case", "outputs": [{"dtype": "float64", "shape": [1048576, 1048576]}]}\n'
        )
    with pytest.raises(TooLarge):
        Decoder(1000).feed(b"x" * 2000)
    with pytest.raises(ProtocolError):
        Decoder(1 << 30).feed(b"x" * (2 << 20))  # an endless header line


def test_case_with_wrong_gradient_shape_is_refused() -> None:
    out = np.zeros(3)
    data = case([out], grads=[{"dtype": "float64", "shape": [4]}]) + np.zeros(4).tobytes()
    decoder = Decoder(1 << 20)
    decoder.feed(data)
    header, body = decoder.messages[0]
    call = Call("f", [np.zeros(3)], want_grad=True, grad_weights=[np.ones(3)])
    with pytest.raises(ProtocolError):
        case_from_message(header, body, call)


def test_outcome_needs_every_case_for_ok() -> None:
    calls = [Call("f", [np.zeros(1)]), Call("f", [np.zeros(1)])]
    decoder = Decoder(1 << 20)
    decoder.feed(
        message({"t": "ready"}) + message({"t": "loaded"}) + case([np.ones(1)]) + message({"t": "done"})
    )
    status, text, cases = assemble(calls, decoder.messages, "exit", 0, Limits(), "my.py")
    assert status == "crashed" and "status 0" in text and "call 2" in text
    assert cases[0].ok and cases[1].error.startswith("not run")


def test_outcome_ignores_cases_out_of_order_or_before_loading() -> None:
    decoder = Decoder(1 << 20)
    decoder.feed(message({"t": "ready"}) + case([np.ones(1)]) + message({"t": "done"}))
    status, _, _ = assemble([Call("f")], decoder.messages, "exit", 0, Limits(), "my.py")
    assert status == "bad-result"


@pytest.mark.parametrize(
    "code, status, words",
    [
        (-24, "timeout", "CPU"),
        (128 + 24, "timeout", "CPU"),
        (128 + 25, "output-limit", "file"),
        (128 + 11, "crashed", "segmentation"),
        (128 + 9, "crashed", "SIGKILL"),
        (3, "crashed", "status 3"),
    ],
)
def test_exit_statuses_are_explained(code: int, status: str, words: str) -> None:
    decoder = Decoder(1 << 20)
    decoder.feed(message({"t": "ready"}) + message({"t": "loaded"}))
    got, text, _ = assemble([Call("f")], decoder.messages, "exit", code, Limits(), "my.py")
    assert got == status and words in text


def test_calls_are_validated_in_the_tutor() -> None:
    with pytest.raises(ValueError):
        Call("not a name")
    with pytest.raises(ValueError):
        Call("f", [np.array([object()])])
    with pytest.raises(ValueError):
        Call("f", kwargs={"k": {"nested": 1}})
    with pytest.raises(ValueError):
        Call("f", [np.zeros(2)], want_grad=True)  # the weights are the tutor's choice
    with pytest.raises(ValueError):
        Limits(cpu_seconds=0)


def test_an_unknown_message_is_refused_at_once() -> None:
    decoder = Decoder(64 << 20)
    decoder.feed(message({"t": "ready"}))
    with pytest.raises(ProtocolError, match="unknown"):
        decoder.feed(message({"t": "x"}) * 100_000)  # a flood of tiny messages
    assert len(decoder.messages) == 1  # nothing of the flood was kept


def test_a_flood_of_known_messages_stops_early() -> None:
    decoder = Decoder(64 << 20)
    with pytest.raises(ProtocolError, match="messages"):
        decoder.feed(message({"t": "done"}) * 200_000)
    assert len(decoder.messages) <= 1 << 16


@pytest.mark.parametrize(
    "extra",
    [
        [{"t": "loaded"}],  # a second "loaded"
        [{"t": "ready"}],
        [{"t": "done"}],  # done before every case came
        [{"t": "forbidden", "error": "x"}],  # a failure after loading
    ],
)
def test_a_message_out_of_order_is_a_bad_result(extra) -> None:
    """What a learner who found the result pipe could write: nothing helps."""
    call = Call("f", [np.zeros(2)])
    decoder = Decoder(1 << 20)
    decoder.feed(message({"t": "ready"}) + message({"t": "loaded"}))
    for header in extra:
        decoder.feed(message(header))
    decoder.feed(case([np.ones(2)]) + message({"t": "done"}))
    status, _, cases = assemble([call], decoder.messages, "exit", 0, Limits(), "f.py")
    assert status == "bad-result" and not cases[0].ok


def test_a_forged_second_case_cannot_replace_the_first() -> None:
    calls = [Call("f", [np.zeros(2)])]
    decoder = Decoder(1 << 20)
    decoder.feed(
        message({"t": "ready"})
        + message({"t": "loaded"})
        + case([np.ones(2)])
        + case([np.zeros(2)])
        + message({"t": "done"})
    )
    status, _, _ = assemble(calls, decoder.messages, "exit", 0, Limits(), "f.py")
    assert status == "bad-result"
