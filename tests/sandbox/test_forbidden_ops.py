"""Forbidden operations are caught where they run (issue 10 #4): each route
the issue lists reaches a forbidden aten operation of its exercise and is
refused; the same computation written by hand passes. The tutor decides,
from the operations the child lists for each call."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.codecheck.spec import exercise
from dltutor.sandbox import Call, Limits
from tests.sandbox.helpers import BEST, TEST_LIMITS

BOOKS = Catalogue([builtin_bank()])
X = np.random.default_rng(4).normal(size=(3, 5)).astype(np.float32)
IMAGE = np.random.default_rng(5).normal(size=(1, 2, 5, 5)).astype(np.float32)
KERNEL = np.random.default_rng(6).normal(size=(3, 2, 2, 2)).astype(np.float32)
TARGET = np.array([0, 4, 2])


def ops_of(qid: str) -> dict[str, str]:
    return exercise(BOOKS.question(qid)).forbidden_ops()


ROUTES = [
    ("code.softmax", "torch._softmax(x, -1, False)", [X]),
    ("code.softmax", "torch.ops.aten.softmax(x, -1)", [X]),
    ("code.softmax", "torch._C._VariableFunctions.softmax(x, -1)", [X]),
    ("code.softmax", "torch.nn.functional.log_softmax(x, -1).exp()", [X]),
    ("code.cross_entropy", "torch._C._nn.cross_entropy_loss(x, t, None, 1, -100, 0.0)", [X, TARGET]),
    ("code.conv2d", "torch.ops.aten.conv2d(x, t)", [IMAGE, KERNEL]),
    ("code.relu", "torch.nn.functional.threshold(x, 0.0, 0.0)", [X]),
    ("code.sigmoid", "torch.nn.functional.logsigmoid(x).exp()", [X]),
]


@pytest.mark.parametrize("qid, expression, inputs", ROUTES)
def test_a_hidden_route_to_a_forbidden_operation_is_refused(run, qid, expression, inputs) -> None:
    source = f"import torch\ndef f(x, t=None):\n    return {expression}\n"
    calls = [Call("f", inputs)]
    result = run(BEST, source, calls, forbidden_ops=ops_of(qid))
    assert result.status == "forbidden" and "aten::" in result.message, result.message


def test_the_same_done_by_hand_passes(run) -> None:
    source = (
        "import torch\ndef f(x):\n    e = (x - x.amax(-1, keepdim=True)).exp()\n"
        "    return e / e.sum(-1, keepdim=True)\n"
    )
    result = run(BEST, source, [Call("f", [X])], forbidden_ops=ops_of("code.softmax"))
    expected = np.exp(X - X.max(-1, keepdims=True))
    assert result.status == "ok"
    assert np.allclose(result.cases[0].outputs[0], expected / expected.sum(-1, keepdims=True), atol=1e-6)


AUTOGRAD = {"autograd": "autograd"}
BY_HAND = "def f(x):\n    return 2 * x\n"  # d(sum x^2)/dx, by hand
THROUGH_AUTOGRAD = [
    "def f(x):\n    y = x.detach().requires_grad_()\n    (y * y).sum().backward()\n    return y.grad\n",
    "def f(x):\n    y = x.detach().requires_grad_()\n    return torch.autograd.grad((y * y).sum(), y)[0]\n",
    "def f(x):\n    return torch.func.grad(lambda t: (t * t).sum())(x)\n",
]


@pytest.mark.parametrize("body", THROUGH_AUTOGRAD)
def test_autograd_can_be_forbidden_at_run_time(run, body: str) -> None:
    # torch.func's first use imports much of torch: a longer clock
    limits = Limits(**{**TEST_LIMITS.__dict__, "cpu_seconds": 20, "wall_seconds": 40})
    result = run(BEST, "import torch\n" + body, [Call("f", [X])], forbidden_ops=AUTOGRAD, limits=limits)
    assert result.status == "forbidden" and "autograd" in result.message


def test_gradients_by_hand_pass_when_autograd_is_forbidden(run) -> None:
    weights = [np.ones_like(X)]
    calls = [Call("f", [X]), Call("f", [X], want_grad=True, grad_weights=weights)]
    result = run(BEST, BY_HAND, calls, forbidden_ops=AUTOGRAD)  # the tutor's own grad is fine
    assert result.status == "ok" and np.allclose(result.cases[0].outputs[0], 2 * X)


def test_a_hidden_softmax_is_refused_end_to_end(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    answer = tmp_path / "sneaky.py"
    answer.write_text(
        "import torch\n\ndef softmax(x, dim=-1):\n"
        "    return torch._C._VariableFunctions._softmax(x, dim, False)\n"
    )
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "DLTUTOR_CACHE": str(tmp_path / "cache")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "dltutor",
            "quiz",
            "--id",
            "code.softmax",
            "--answer-file",
            str(answer),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    data = json.loads(run.stdout)
    assert run.returncode == 2 and data["verdict"] == "invalid", run.stdout
    assert "aten::_softmax" in data["feedback"]
