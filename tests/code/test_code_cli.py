"""`dltutor quiz` with code exercises, as a new user meets it (issue 4,
"Done when"): one-shot grading with exit codes and JSON, --show, the
interactive workspace and --watch."""

from __future__ import annotations

import sqlite3

GOOD_SOFTMAX = """
import torch

def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
"""
TEXTBOOK_SOFTMAX = """
import torch

def softmax(x, dim=-1):
    return torch.exp(x) / torch.exp(x).sum()
"""
UNSCALED_ATTENTION = """
import torch

def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
"""


def grade(cli, qid: str, path) -> tuple[int, dict]:
    return cli.json("quiz", "--id", qid, "--answer-file", path)


def test_a_correct_softmax_passes(cli, solution, home):
    code, data = grade(cli, "code.softmax", solution(GOOD_SOFTMAX))
    assert code == 0 and data["verdict"] == "correct" and data["score"] == 1.0
    assert data["checks"] >= 8 and "my_solution.py" in data["read_as"]
    with sqlite3.connect(home / "progress.sqlite3") as db:
        assert db.execute("SELECT question_id, kind, verdict FROM attempts").fetchall() == [
            ("code.softmax", "code", "correct")
        ]


def test_the_textbook_softmax_fails_showing_the_overflow(cli, solution):
    code, data = grade(cli, "code.softmax", solution(TEXTBOOK_SOFTMAX))
    assert code == 1 and data["verdict"] == "incorrect"
    case = data["failing_case"]
    assert case["number"] == 2 and "large logits" in case["inputs"]
    assert case["got"] == "nan" and "is nan" in data["feedback"]


def test_attention_without_sqrt_scaling_fails_and_names_the_case(cli, solution):
    code, data = grade(cli, "code.attention", solution(UNSCALED_ATTENTION))
    assert code == 1 and data["mistake"] == "no-sqrt-scaling"
    assert "√d" in data["feedback"] and "Case 1 of " in data["feedback"]
    assert "q float32 (4, 8), k float32 (6, 8)" in data["failing_case"]["inputs"]


def test_an_infinite_loop_is_stopped_with_a_clear_message(cli, solution, short_limits):
    result = cli(
        "quiz",
        "--id",
        "code.relu",
        "--answer-file",
        solution("def relu(x):\n    while True:\n        pass\n"),
    )
    assert result.exit_code == 1
    said = " ".join(result.stdout.split())  # wrapping-proof
    assert "of CPU time; stopped" in said and "a loop that never ends" in said


def test_a_forbidden_function_is_refused_with_its_name_and_line(cli, solution):
    path = solution("import torch\n\ndef softmax(x, dim=-1):\n    return torch.softmax(x, dim)\n")
    result = cli("quiz", "--id", "code.softmax", "--answer-file", path)
    assert result.exit_code == 2
    assert "line 4" in result.stderr and "torch.softmax is not allowed" in result.stderr


def test_an_aliased_forbidden_function_is_refused_too(cli, solution):
    path = solution(
        "import torch.nn.functional as F\n\ndef softmax(x, dim=-1):\n    return F.softmax(x, dim)\n"
    )
    code, data = grade(cli, "code.softmax", path)
    assert code == 2 and data["verdict"] == "invalid"
    assert "torch.nn.functional.softmax" in data["feedback"]


def test_a_missing_function_or_a_syntax_error_exits_2_and_costs_nothing(cli, solution, home):
    result = cli(
        "quiz", "--id", "code.softmax", "--answer-file", solution("def soft_max(x, dim=-1):\n    return x\n")
    )
    assert result.exit_code == 2 and "no function softmax" in result.stderr
    result = cli(
        "quiz", "--id", "code.softmax", "--answer-file", solution("def softmax(x, dim=-1)\n    return x\n")
    )
    assert result.exit_code == 2 and "line 1" in result.stderr
    assert not (home / "progress.sqlite3").exists() or _attempts(home) == []


def test_an_exception_shows_only_the_learners_traceback(cli, solution):
    code, data = grade(
        cli,
        "code.linear",
        solution("def linear(x, weight, bias=None):\n    out = x @ weight\n    return out + bias\n"),
    )
    assert code == 1 and data["mistake"] == "weight-not-transposed"  # it is that mistake
    assert 'my_solution.py", line 2, in linear' in data["feedback"]
    assert "x @ weight" in data["feedback"] and "RuntimeError" in data["feedback"]
    assert "dltutor" not in data["feedback"] and "child_case" not in data["feedback"]


def test_show_prints_the_prompt_signature_and_starter(cli):
    result = cli("quiz", "--id", "code.lstm_cell", "--show")
    assert result.exit_code == 0
    assert "lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)" in result.stdout
    assert "torch.nn.LSTMCell" in result.stdout and "NotImplementedError" in result.stdout
    _, data = cli.json("quiz", "--id", "code.lstm_cell", "--show")
    assert data["kind"] == "code" and "def lstm_cell(" in data["starter"]


def test_interactive_writes_the_starter_then_checks_on_enter(cli, home):
    result = cli("quiz", "--id", "code.relu", input="\nq\n")
    path = home / "workspace" / "code.relu.py"
    assert str(path) in result.stdout.replace("\n", "")
    assert "still the starter code" in result.stdout and "not counted" in result.stdout
    path.write_text("import torch\n\ndef relu(x):\n    return x * (x > 0)\n")
    result = cli("quiz", "--id", "code.relu", input="\n")
    assert "✓ Correct" in result.stdout and result.exit_code == 0
    assert path.read_text().endswith("(x > 0)\n")  # never overwritten
    assert _attempts(home) == [("code.relu", "correct")]


def test_watch_checks_the_file_until_it_passes(cli, home):
    path = home / "workspace" / "code.mse_loss.py"
    path.parent.mkdir(parents=True)
    path.write_text("def mse_loss(pred, target):\n    return ((pred - target) ** 2).mean()\n")
    result = cli("quiz", "--id", "code.mse_loss", "--watch")
    assert result.exit_code == 0 and "✓ Correct" in result.stdout
    assert _attempts(home) == [("code.mse_loss", "correct")]


def _attempts(home) -> list[tuple]:
    with sqlite3.connect(home / "progress.sqlite3") as db:
        return db.execute("SELECT question_id, verdict FROM attempts").fetchall()


def test_the_training_line_states_the_exercises_own_cpu_budget():
    """fit_spirals' prompt promises 20 s of CPU: the live line says the same."""
    import io

    from rich.console import Console

    from dltutor.bank.catalogue import Catalogue, builtin_bank
    from dltutor.bank.variants import make_variant
    from dltutor.cli.quiz_code import training_line

    variant = make_variant(Catalogue([builtin_bank()]).question("code.fit_spirals"), 0)
    out = io.StringIO()
    with training_line(variant, Console(file=out, force_terminal=True, width=80)) as line:
        line.refresh()
    assert "Training in the sandbox" in out.getvalue() and "CPU budget 20 s" in out.getvalue()
