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


def _reference_at(qid: str, point: dict[str, float]) -> float:
    from dltutor.bank.catalogue import Catalogue, search_path
    from dltutor.bank.variants import make_variant
    from dltutor.grading import reference_text
    from dltutor.kinds.symbolic import read
    variant = make_variant(Catalogue(search_path([])).question(qid), 0)
    expr = read(reference_text(variant), variant)
    return float(expr.subs({s: point[str(s)] for s in expr.free_symbols}).evalf(30))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_softmax_and_layer_norm_references_agree_with_autograd(seed):
    import torch
    gen = torch.Generator().manual_seed(seed)
    z = (torch.randn(3, generator=gen, dtype=torch.float64) * 3).requires_grad_()
    torch.nn.functional.cross_entropy(z[None], torch.tensor([0])).backward()
    point = {"z1": z[0].item(), "z2": z[1].item(), "z3": z[2].item()}
    assert _reference_at("loss.ce-softmax-steps", point) == pytest.approx(z.grad[0].item(),
                                                                          rel=1e-9)
    xy = (torch.randn(2, generator=gen, dtype=torch.float64) * 2).requires_grad_()
    eps = 0.1 * (seed + 1)
    torch.nn.functional.layer_norm(xy, (2,), eps=eps)[0].backward()
    point = {"x": xy[0].item(), "y": xy[1].item(), "epsilon": eps}
    assert _reference_at("reg.layernorm-steps", point) == pytest.approx(xy.grad[0].item(),
                                                                        rel=1e-9)
