"""The probe (inputs changed or returned, judged in the tutor from the data
that comes back) covers NumPy answers and a module's forward input, not
only functions on tensors: an answer that writes into what it was given is
caught and told so, while answers that change only their own arrays in
place, in other styles, still pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.codecheck import batch, probe
from dltutor.sandbox import Call, run_calls

BOOKS = Catalogue([builtin_bank()])
SEED = 3
REFERENCE_XOR = (
    Path(__file__).parents[2] / "content" / "feedforward" / "code" / "fit_xor_by_hand" / "reference.py"
).read_text()
SHUFFLE_CALLERS = REFERENCE_XOR.replace(
    "    for _ in range(steps):",
    """\
    order = rng.permutation(len(x))  # shuffles the caller's arrays, in place
    x[:], y[:] = x[order], y[order]
    for _ in range(steps):""",
)
SHUFFLE_OWN = SHUFFLE_CALLERS.replace(
    "x[:], y[:] = x[order], y[order]", "x, y = x[order], y[order]  # new arrays"
)
OUT_ARGUMENTS = REFERENCE_XOR.replace(
    "        w2 -= lr * h.T @ d_out", "        np.subtract(w2, lr * h.T @ d_out, out=w2)"
)


def _verdicts(qid: str, sources: dict[str, str]) -> dict[str, object]:
    found = batch.check_sources(
        BOOKS.question(qid), SEED, [(text, f"{name}.py") for name, text in sources.items()]
    )
    return dict(zip(sources, found))


def test_a_numpy_answer_that_shuffles_its_inputs_in_place_is_caught() -> None:
    assert SHUFFLE_CALLERS != REFERENCE_XOR  # the edit took
    verdicts = _verdicts(
        "code.fit_xor_by_hand", {"callers": SHUFFLE_CALLERS, "own": SHUFFLE_OWN, "out": OUT_ARGUMENTS}
    )
    caught = verdicts["callers"]
    assert not caught.correct and caught.mistake is None
    assert "the input x is not what was passed in" in caught.feedback
    assert "Leave the inputs as they were" in caught.feedback
    assert verdicts["own"].correct and verdicts["out"].correct  # their own arrays, in place


INPLACE_SUM = """
import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_ch)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.shortcut = nn.Identity()
        if stride != 1 or in_ch != out_ch:
            self.shortcut = nn.Sequential(nn.Conv2d(in_ch, out_ch, 1, stride, bias=False),
                                          nn.BatchNorm2d(out_ch))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = self.shortcut(x)  # x itself when the shortcut is nn.Identity
        identity += out  # so this writes into the caller's x
        return torch.relu(identity)
"""
INPLACE_OWN = INPLACE_SUM.replace(
    """        identity += out  # so this writes into the caller's x
        return torch.relu(identity)""",
    """        out += identity  # out is the block's own tensor
        return nn.functional.relu(out, inplace=True)""",
)


def test_a_module_whose_forward_writes_into_its_input_is_caught() -> None:
    verdicts = _verdicts("code.residual_block", {"inplace": INPLACE_SUM, "own": INPLACE_OWN})
    caught = verdicts["inplace"]
    assert not caught.correct and caught.mistake is None
    assert "Case 1 of" in caught.feedback  # the identity shortcut, on its value call
    assert "the input x is not what was passed in" in caught.feedback
    assert verdicts["own"].correct, verdicts["own"].feedback


def test_a_module_answer_that_mutates_its_input_is_told_so_by_quiz(cli, tmp_path: Path) -> None:
    answer = tmp_path / "block.py"
    answer.write_text(INPLACE_SUM)
    code, data = cli.json("quiz", "--id", "code.residual_block", "--answer-file", str(answer))
    assert code == 1 and data["verdict"] == "incorrect"
    assert "the input x is not what was passed in" in data["feedback"]


RELUS = {
    "out=x": "    return np.maximum(x, 0, out=x)\n",
    "masked assignment": "    x[x < 0] = 0\n    return x\n",
    "input itself": "    return x if x.min() >= 0 else np.maximum(x, 0)\n",
    "maximum": "    return np.maximum(x, 0)\n",
    "where": "    return np.where(x > 0, x, 0.0)\n",
    "mask product": "    return x * (x > 0)\n",
    "clip into a copy": "    y = x.copy()\n    np.clip(y, 0, None, out=y)\n    return y\n",
}
FOUND = {"out=x": "mutated", "masked assignment": "mutated", "input itself": "aliased"}


X = np.array([[-1.5, 2.0, 0.0], [3.0, -0.25, 1.0]])


def _input(style: str) -> np.ndarray:
    return np.abs(X) if style == "input itself" else X  # nothing negative: x comes back


@pytest.fixture(scope="module")
def numpy_results() -> dict[str, object]:
    """Every style in one sandbox, each called through the adapter with NumPy
    arrays, as a `numpy: true` exercise's function is."""
    names = {style: f"relu_{i}" for i, style in enumerate(RELUS)}
    source = "import numpy as np\n" + "".join(
        f"\n\ndef {names[style]}(x):\n{body}" for style, body in RELUS.items()
    )
    calls = [
        Call(
            probe.ENTRY,
            [_input(style)],
            {"__fn__": names[style], "__layout__": [-1], "__probe__": 4321.5, "__again__": True},
            to_torch=False,
        )
        for style in RELUS
    ]
    result = run_calls(source + probe.ADAPTER_LINE, calls)
    assert result.status == "ok", result.message
    return dict(zip(RELUS, result.cases))


@pytest.mark.parametrize("style", RELUS)
def test_the_probe_reads_numpy_arrays_as_the_sandbox_passes_them(style: str, numpy_results) -> None:
    x = _input(style)
    got = probe.split(numpy_results[style], True)
    found = probe.mutation([x], got, ["x"], lambda name: False) or probe.aliasing(
        got, ["x"], lambda name: False, len(got.outputs)
    )
    assert (found.kind if found else None) == FOUND.get(style)
    if found is None:  # and the probe's own writes left the outputs as they were returned
        assert np.array_equal(got.outputs[0], np.maximum(x, 0))
        assert np.array_equal(got.again[0], np.maximum(x, 0))
