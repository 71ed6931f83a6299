"""The lessons' step-checked derivations: a learner's own continuation passes every line,
and a slip in the middle is found at its line."""

from __future__ import annotations

import json

import pytest

CONTINUATIONS = {
    "act.d-sigmoid-steps": [
        "= e^(-x)/(1 + e^(-x))^2",
        "= 1/(1 + e^(-x)) · e^(-x)/(1 + e^(-x))",
        "= σ(x)(1 - σ(x))",
    ],
    "loss.ce-softmax-steps": [
        "= -1 + 1/(e^z1 + e^z2 + e^z3) · e^z1",
        "= exp(z1)/(exp(z1) + exp(z2) + exp(z3)) - 1",
    ],
    "reg.layernorm-steps": [
        "= 1/2 ((x - y)^2/4 + ε)^(-3/2) ((x - y)^2/4 + ε - (x - y)^2/4)",
        "= ε/2 · ((x - y)^2/4 + ε)^(-3/2)",
    ],
}

# one slip on the learner's first line, then right algebra from it
SLIPS = {
    "act.d-sigmoid-steps": ("= -e^(-x)/(1 + e^(-x))^2", "sign"),
    "reg.layernorm-steps": ("= ((x - y)^2/4 + ε)^(-3/2) · ε", "constant-factor"),
}


def _grade(cli, tmp_path, qid: str, lines: list[str]) -> tuple[int, dict]:
    path = tmp_path / "answer.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("quiz", "--id", qid, "--answer-file", path, "--json")
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("qid", sorted(CONTINUATIONS))
def test_a_learners_own_continuation_passes_every_line(cli, tmp_path, qid):
    code, data = _grade(cli, tmp_path, qid, CONTINUATIONS[qid])
    assert code == 0 and data["first_break"] is None
    assert all(s["status"] in ("start", "equal") for s in data["steps"])
    assert any(s.get("given") for s in data["steps"])


@pytest.mark.parametrize("qid", sorted(SLIPS))
def test_a_slip_is_found_at_its_line(cli, tmp_path, qid):
    slip, mistake = SLIPS[qid]
    code, data = _grade(cli, tmp_path, qid, [slip])
    given = sum(1 for s in data["steps"] if s.get("given"))
    assert code == 1 and data["first_break"]["line"] == given + 1
    assert data["first_break"]["mistake"] == mistake
