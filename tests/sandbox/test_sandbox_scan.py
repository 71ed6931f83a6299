"""The static checks: syntax errors and forbidden names, without any process."""

from __future__ import annotations

import pytest

from dltutor.sandbox import Call, channel, run_calls
from dltutor.sandbox.scan import check_source

FORBID = ["torch.softmax", "torch.nn.functional.softmax", "torch.Tensor.softmax"]


@pytest.mark.parametrize(
    "source, line",
    [
        ("import torch\ndef f(x):\n    return torch.softmax(x, -1)\n", 3),
        ("import torch.nn.functional as F\ndef f(x):\n    return F.softmax(x, -1)\n", 3),
        ("import torch as t\nf = lambda x: t.softmax(x, 0)\n", 2),
        ("from torch import softmax\n", 1),
        ("from torch.nn.functional import softmax as sm\n", 1),
        ("from torch.nn import functional\ny = functional.softmax\n", 2),
        ("import torch\ny = torch.nn.functional.softmax\n", 2),
        ("def f(x):\n    return x.softmax(-1)\n", 2),
        ("import torch\ny = torch.Tensor.softmax\n", 2),
        ("import torch\ny = getattr(torch, 'softmax')\n", 2),
        ("from torch.nn.functional import *\ny = softmax\n", 2),
    ],
)
def test_forbidden_uses_are_found_with_their_line(source: str, line: int) -> None:
    finding = check_source(source, "my.py", FORBID)
    assert finding is not None and finding.status == "forbidden"
    assert finding.line == line
    assert "softmax" in finding.message and f"line {line}" in finding.message


@pytest.mark.parametrize(
    "source",
    [
        (
            "import torch\ndef softmax(x, dim=-1):\n    e = torch.exp(x)\n"
            "    return e / e.sum(dim, keepdim=True)\n"
        ),
        "def f(x):\n    return softmax(x)\ndef softmax(x):\n    return x\n",
        (
            "class S:\n    def softmax(self, x):\n        return x\n"
            "    def g(self, x):\n        return self.softmax(x)\n"
        ),
        "import torch\ny = torch.log_softmax\n",
        "'''my softmax exercise'''\n",
    ],
)
def test_own_names_and_other_functions_are_allowed(source: str) -> None:
    assert check_source(source, "my.py", FORBID) is None


def test_syntax_error_names_file_and_line() -> None:
    finding = check_source("def f(x):\n    return (x\n", "my.py", [])
    assert finding is not None and finding.status == "syntax-error"
    assert finding.line in (2, 3) and "my.py, line" in finding.message


def test_null_bytes_are_a_syntax_error() -> None:
    assert check_source("x = 1\0", "my.py", []).status == "syntax-error"


def test_static_failures_start_no_process(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a sandbox process was started")

    monkeypatch.setattr(channel.subprocess, "Popen", refuse)
    result = run_calls("def f(:\n", [Call("f")])
    assert result.status == "syntax-error" and result.line == 1
    assert result.cases[0].error.startswith("not run")
    result = run_calls("import torch\nf = torch.softmax\n", [Call("f")], forbidden=FORBID)
    assert result.status == "forbidden" and result.line == 2
