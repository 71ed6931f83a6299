"""The modern topics, recomputed with PyTorch: attention and transformers,
autoencoders and VAEs, explainability, frontiers.

Every numeric and shape answer of these four banks is loaded through the
library, drawn for several seeds, recomputed independently (PyTorch modules
for parameter counts and shapes, torch functions and autograd for values) and
compared with the bank. Expression and matrix answers written by hand are
evaluated at random points and compared with the same computation in torch;
derivative references (computed by SymPy) are compared with autograd. The
numbers in the lessons' worked examples are recomputed too. A wrong number
in any of these places fails a test here.
"""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from typing import Iterator

import pytest
import sympy as sp
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence

from dltutor.bank.models import Variant
from dltutor.kinds import derivative
from dltutor.kinds.base import as_text
from dltutor.kinds.symbolic import variables as declared
from dltutor.mathexpr import parse, parse_list

from bank_access import (BOOKS, assert_checked, bank_questions, called_ids, close, dims, n_params,
                         number, shows, variants)

META = torch.device("meta")
F64 = torch.float64
TOPICS = ("attention-transformers", "autoencoders-vae", "explainability", "frontiers")


# helpers ---------------------------------------------------------------------

def t64(*values: float, grad: bool = False) -> torch.Tensor:
    return torch.tensor(values, dtype=F64, requires_grad=grad)


def at(expr: sp.Expr, point: dict[str, float]) -> float:
    values = {s: point[s.name] for s in expr.free_symbols}
    return float(expr.subs(values).evalf(30))


def expression(variant: Variant) -> sp.Expr:
    return parse(as_text(variant.answer), declared(variant))


def vector(variant: Variant) -> list[sp.Expr]:
    text = "[" + ", ".join(str(item) for item in variant.answer) + "]"
    return list(parse_list(text, declared(variant)))


def points(names: dict[str, tuple[float, float]], count: int = 8) -> Iterator[dict[str, float]]:
    rng = random.Random(0)
    for _ in range(count):
        yield {name: rng.uniform(lo, hi) for name, (lo, hi) in names.items()}


def grads(function, **point: float) -> dict[str, float]:
    inputs = {name: torch.tensor(value, dtype=F64, requires_grad=True) for name, value in point.items()}
    function(**inputs).backward()
    return {name: (t.grad.item() if t.grad is not None else 0.0) for name, t in inputs.items()}


def integrated_gradients(function, x: torch.Tensor, baseline: torch.Tensor,
                         intervals: int = 64) -> torch.Tensor:
    """IG by composite Simpson on the straight path (exact for cubic integrands)."""
    alphas = torch.linspace(0, 1, intervals + 1, dtype=F64)
    weights = torch.ones(intervals + 1, dtype=F64)
    weights[1:-1:2], weights[2:-1:2] = 4, 2
    weights *= 1 / (3 * intervals)
    path = (baseline + alphas[:, None] * (x - baseline)).requires_grad_(True)
    function(path).sum().backward()
    return (x - baseline) * (weights[:, None] * path.grad).sum(0)


# attention-transformers -------------------------------------------------------

def test_sdpa_output_shape():
    for v in variants("attn.sdpa-output-shape"):
        k = v.values
        q = torch.empty(k["N"], k["h"], k["Lq"], k["dk"], device=META)
        key = torch.empty(k["N"], k["h"], k["Lk"], k["dk"], device=META)
        value = torch.empty(k["N"], k["h"], k["Lk"], k["dv"], device=META)
        assert F.scaled_dot_product_attention(q, key, value).shape == dims(v)


def test_two_key_weight_is_what_sdpa_puts_on_the_first_key():
    for v in variants("attn.two-key-weight"):
        a, b, dk = v.values["a"], v.values["b"], v.values["dk"]
        q = torch.zeros(1, dk, dtype=F64)
        q[0, 0] = 1.0
        keys = torch.zeros(2, dk, dtype=F64)
        keys[0, 0], keys[1, 0] = a, b  # q·k₁ = a, q·k₂ = b
        values = t64(1.0, 0.0).reshape(2, 1)  # the output is the weight on k₁
        close(number(v), F.scaled_dot_product_attention(q, keys, values).item())


def test_sdpa_output_value():
    for v in variants("attn.sdpa-output-value"):
        k = v.values
        q = t64(k["q1"], k["q2"]).reshape(1, 2)
        keys = t64(k["a1"], k["a2"], k["a1"] - k["c1"], k["a2"] - k["c2"]).reshape(2, 2)
        values = t64(k["v1"], k["v2"]).reshape(2, 1)
        close(number(v), F.scaled_dot_product_attention(q, keys, values).item())


def score_variance(d: int) -> float:
    """Exact Var(q · k) for q, k with d independent ±1 entries (mean 0, variance 1).

    Each product q_i k_i is again ±1 with probability 1/2, so q · k = 2B − d with
    B ~ Binomial(d, 1/2); the variance is summed over the exact distribution.
    """
    b = torch.arange(d + 1, dtype=F64)
    pmf = torch.distributions.Binomial(d, torch.tensor(0.5, dtype=F64)).log_prob(b).exp()
    s = 2 * b - d
    mean = (pmf * s).sum()
    return (pmf * (s - mean) ** 2).sum().item()


def sampled_score_std(d: int, samples: int = 20_000) -> float:
    generator = torch.Generator().manual_seed(d)
    q = torch.randn(samples, d, dtype=F64, generator=generator)
    k = torch.randn(samples, d, dtype=F64, generator=generator)
    return (q * k).sum(-1).std().item()


def test_score_std():
    exact: dict[int, float] = {}
    for v in variants("attn.score-std"):
        dk = v.values["dk"]
        if dk not in exact:
            exact[dk] = math.sqrt(score_variance(dk))
            assert exact[dk] == pytest.approx(sampled_score_std(dk), rel=0.03)  # Gaussian entries too
        close(number(v), exact[dk])


def test_score_variance_expression_is_d():
    (v,) = variants("attn.score-variance")
    expr = expression(v)
    for d in (1, 4, 16, 64, 100):
        close(at(expr, {"d": d}), score_variance(d))
    assert at(expr, {"d": 64}) == pytest.approx(sampled_score_std(64) ** 2, rel=0.06)


def test_temperature_derivative_matches_autograd():
    (v,) = variants("attn.temperature-derivative")
    reference = derivative.reference_expr(v)
    for p in points({"Delta": (-4, 4), "T": (0.2, 5)}):
        slope = grads(lambda Delta, T: torch.softmax(torch.stack([Delta / T, 0 * T]), 0)[0], **p)
        close(at(reference, p), slope["T"])


def test_mha_params():
    for v in variants("attn.mha-params"):
        mha = nn.MultiheadAttention(v.values["d"], v.values["h"], device=META)
        assert n_params(mha) == number(v)


def test_head_dim():
    for v in variants("attn.head-dim"):
        assert nn.MultiheadAttention(v.values["d"], v.values["h"], device=META).head_dim == number(v)


def mha_call(v: Variant) -> tuple[torch.Tensor, torch.Tensor]:
    k = v.values
    mha = nn.MultiheadAttention(k["E"], k["h"], batch_first=True, device=META)
    query = torch.empty(k["N"], k["Lq"], k["E"], device=META)
    key = torch.empty(k["N"], k["Lk"], k["E"], device=META)
    return mha(query, key, key)


def test_mha_output_shape():
    for v in variants("attn.mha-output-shape"):
        assert v.values["Lq"] != v.values["Lk"]
        assert mha_call(v)[0].shape == dims(v)


def test_mha_weights_shape():
    for v in variants("attn.mha-weights-shape"):
        assert mha_call(v)[1].shape == dims(v)


def sinusoidal(positions: int, d: int) -> torch.Tensor:
    """The encoding as in the PyTorch tutorial: exp/log, not a power, for the frequencies."""
    position = torch.arange(positions, dtype=F64)[:, None]
    div_term = torch.exp(torch.arange(0, d, 2, dtype=F64) * (-math.log(10000.0) / d))
    table = torch.zeros(positions, d, dtype=F64)
    table[:, 0::2] = torch.sin(position * div_term)
    table[:, 1::2] = torch.cos(position * div_term)
    return table


def test_positional_encoding_odd_column():
    for v in variants("attn.pe-odd-value"):
        k = v.values
        assert k["j"] % 2 == 1
        expected = sinusoidal(k["p"] + 1, k["d"])[k["p"], k["j"]].item()
        assert number(v) == pytest.approx(expected, abs=1e-12)


def test_encoder_layer_params():
    for v in variants("attn.encoder-layer-params"):
        k = v.values
        layer = nn.TransformerEncoderLayer(k["d"], k["h"], dim_feedforward=k["f"], device=META)
        assert n_params(layer) == number(v)


def test_quadratic_cost():
    for v in variants("attn.quadratic-cost"):
        L, factor = v.values["L"], v.values["k"]
        mha = nn.MultiheadAttention(16, 2, batch_first=True, device=META)

        def weights(length: int) -> int:
            x = torch.empty(1, length, 16, device=META)
            return mha(x, x, x, average_attn_weights=False)[1][0, 0].numel()

        assert weights(factor * L) / weights(L) == number(v)


# autoencoders-vae -----------------------------------------------------------

def test_autoencoder_params():
    for v in variants("vae.ae-params"):
        n, k = v.values["n"], v.values["k"]
        model = nn.Sequential(nn.Linear(n, k), nn.ReLU(), nn.Linear(k, n)).to(META)
        assert n_params(model) == number(v)


def test_reparameterised_sample():
    for v in variants("vae.reparam-z"):
        mu, lv, eps = t64(v.values["mu"]), t64(v.values["lv"]), t64(v.values["eps"])
        q = Normal(mu, torch.exp(0.5 * lv))
        close(number(v), (q.loc + q.scale * eps).item())
        # the sample sits at the same quantile of q as ε does of N(0, 1)
        z = t64(number(v))
        assert q.cdf(z).item() == pytest.approx(Normal(0.0, 1.0).cdf(eps).item(), abs=1e-12)


def test_reparameterised_derivative_matches_autograd():
    for v in variants("vae.dz-dlv"):
        reference = derivative.reference_expr(v)
        eps = v.values["e"]
        for p in points({"mu": (-2, 2), "lv": (-3, 3)}):
            mu = t64(p["mu"], grad=True)
            lv = t64(p["lv"], grad=True)
            q = Normal(mu, torch.exp(0.5 * lv))
            (q.loc + q.scale * eps).sum().backward()
            close(at(reference, p), lv.grad.item())


def test_z_gradient_matrix_matches_autograd():
    (v,) = variants("vae.z-gradient")
    d_mu, d_lv = vector(v)
    for p in points({"mu": (-2, 2), "lv": (-3, 3), "epsilon": (-2, 2)}):
        slope = grads(lambda mu, lv, epsilon: mu + torch.exp(0.5 * lv) * epsilon, **p)
        close(at(d_mu, p), slope["mu"])
        close(at(d_lv, p), slope["lv"])


def torch_kl(mu: torch.Tensor, lv: torch.Tensor) -> torch.Tensor:
    return kl_divergence(Normal(mu, torch.exp(0.5 * lv)), Normal(torch.zeros_like(mu), 1.0)).sum()


def test_kl_value():
    for v in variants("vae.kl-value"):
        k = v.values
        kl = torch_kl(t64(k["m1"], k["m2"]), t64(k["l1"], k["l2"]))
        close(number(v), kl.item())


@pytest.mark.parametrize("question_id, wrt", [("vae.kl-derivative-mu", "mu"),
                                              ("vae.kl-derivative-lv", "lv")])
def test_kl_derivatives_match_autograd(question_id, wrt):
    (v,) = variants(question_id)
    reference = derivative.reference_expr(v)
    for p in points({"mu": (-3, 3), "lv": (-3, 3)}):
        slope = grads(lambda mu, lv: torch_kl(mu.reshape(1), lv.reshape(1)), **p)
        close(at(reference, p), slope[wrt])


def test_kl_gradient_value():
    for v in variants("vae.kl-grad-lv-value"):
        lv = t64(v.values["lv"], grad=True)
        torch_kl(t64(v.values["mu"]), lv).backward()
        close(number(v), lv.grad.item())


def test_kl_in_terms_of_sigma():
    (v,) = variants("vae.kl-sigma-form")
    expr = expression(v)
    for p in points({"mu": (-3, 3), "sigma": (0.05, 4)}):
        kl = kl_divergence(Normal(t64(p["mu"]), t64(p["sigma"])), Normal(0.0, 1.0))
        close(at(expr, p), kl.item())


def test_latent_shape():
    for v in variants("vae.latent-shape"):
        k = v.values
        out = nn.Linear(k["h"], 2 * k["J"])(torch.zeros(k["N"], k["h"]))
        mu, lv = out.chunk(2, dim=-1)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        assert z.shape == dims(v)


def test_loss_gradient_wrt_mu():
    for v in variants("vae.loss-grad-mu"):
        k = v.values
        mu = t64(k["mu"], grad=True)
        lv = t64(k["lv"])
        q = Normal(mu, torch.exp(0.5 * lv))
        z = q.loc + q.scale * k["eps"]
        loss = 0.5 * (z - k["x"]) ** 2 + torch_kl(mu, lv)
        loss.sum().backward()
        close(number(v), mu.grad.item())


# explainability -------------------------------------------------------------

def test_saliency_value():
    for v in variants("xai.saliency-value"):
        k = v.values
        x = t64(k["p"], k["q"], grad=True)
        (k["a"] * x[0] ** 2 * x[1] + k["b"] * x[1]).backward()
        close(number(v), x.grad[0].abs().item())


def test_saliency_shape():
    model = nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Flatten(), nn.Linear(48, 1000))
    for v in variants("xai.saliency-shape"):
        k = v.values
        x = torch.randn(k["N"], 3, k["H"], k["W"], requires_grad=True)
        logits = model(x)
        assert logits.shape == (k["N"], 1000)
        logits[:, 7].sum().backward()
        assert x.grad.abs().amax(dim=1).shape == dims(v)


def test_gradient_times_input_matrix():
    for v in variants("xai.gxi-matrix"):
        kx, c = v.values["k"], v.values["c"]
        first, second = vector(v)
        for p in points({"x": (-2, 2), "y": (-2, 2)}):
            slope = grads(lambda x, y: x ** kx * y + c * y, **p)
            close(at(first, p), p["x"] * slope["x"])
            close(at(second, p), p["y"] * slope["y"])


def test_gradient_times_input_linear_sum():
    for v in variants("xai.gxi-linear-sum"):
        k = v.values
        layer = nn.Linear(3, 1).double()
        with torch.no_grad():
            layer.weight.copy_(t64(k["w1"], k["w2"], k["w3"]).reshape(1, 3))
            layer.bias.fill_(k["b"])
        x = t64(k["x1"], k["x2"], k["x3"], grad=True)
        layer(x).sum().backward()
        close(number(v), (x * x.grad).sum().item())


def test_gradient_times_input_homogeneous_sum():
    for v in variants("xai.gxi-homogeneous-sum"):
        x = t64(v.values["p"], v.values["q"], grad=True)
        (x[0] ** 2 * x[1]).backward()
        close(number(v), (x * x.grad).sum().item())


def test_completeness_holds_for_a_network_and_the_bank_uses_it():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1)).double()
    x, baseline = torch.randn(3, dtype=F64), torch.zeros(3, dtype=F64)
    ig = integrated_gradients(lambda path: net(path).squeeze(-1), x, baseline, intervals=512)
    assert ig.sum().item() == pytest.approx((net(x) - net(baseline)).item(), abs=1e-9)
    for v in variants("xai.ig-completeness"):
        k = v.values
        close(number(v), (k["fx"] - k["f0"]) - k["g1"] - k["g2"])


def test_integrated_gradients_value():
    for v in variants("xai.ig-value"):
        x = t64(v.values["p"], v.values["q"])
        ig = integrated_gradients(lambda path: path[:, 0] ** 2 * path[:, 1], x, torch.zeros(2, dtype=F64))
        close(number(v), ig[0].item())
        assert ig.sum().item() == pytest.approx((x[0] ** 2 * x[1]).item(), rel=1e-12)


def test_integrated_gradients_general_power():
    for v in variants("xai.ig-general-power"):
        k = v.values["k"]
        expr = expression(v)
        for p in points({"x": (-2, 2), "y": (-2, 2)}, count=4):
            x = t64(p["x"], p["y"])
            ig = integrated_gradients(lambda path: path[:, 0] ** k * path[:, 1], x,
                                      torch.zeros(2, dtype=F64), intervals=256)
            assert at(expr, p) == pytest.approx(ig[0].item(), rel=1e-9, abs=1e-12)


def test_integrated_gradients_one_input():
    (v,) = variants("xai.ig-one-input")
    expr = expression(v)
    for p in points({"x": (-2, 2), "x_0": (-2, 2)}):
        ig = integrated_gradients(lambda path: path[:, 0] ** 3, t64(p["x"]), t64(p["x_0"]))
        close(at(expr, p), ig.item())


def test_integrated_gradients_right_riemann_sum():
    for v in variants("xai.ig-riemann"):
        x, m = float(v.values["p"]), v.values["m"]
        path = (torch.arange(1, m + 1, dtype=F64) / m * x).requires_grad_(True)
        (path ** 2).sum().backward()
        close(number(v), x * path.grad.mean().item())


def test_saturation_numbers_in_the_choice_question():
    x = t64(6.0, grad=True)
    (1 - torch.exp(-x)).backward()
    assert f"{1 - math.exp(-6):.4f}" == "0.9975"
    assert round(x.grad.item(), 4) == 0.0025
    prompt = BOOKS.question("xai.saturation").prompt + BOOKS.question("xai.saturation").explanation
    assert "0.9975" in prompt and "0.0025" in prompt and "0.015" in prompt
    assert round(6 * x.grad.item(), 3) == 0.015


# frontiers ------------------------------------------------------------------

def test_vit_attention_weights():
    for v in variants("front.vit-attention-weights"):
        size, patch = v.values["S"], v.values["P"]
        embed = nn.Conv2d(3, 64, patch, stride=patch, device=META)
        tokens = embed(torch.empty(1, 3, size, size, device=META)).flatten(2).transpose(1, 2)
        mha = nn.MultiheadAttention(64, 4, batch_first=True, device=META)
        weights = mha(tokens, tokens, tokens, average_attn_weights=False)[1]
        assert weights[0, 0].numel() == number(v)


def test_cost_crossover():
    for v in variants("front.cost-crossover"):
        d = v.values["d"]
        lengths = torch.arange(1, 4 * d, dtype=F64)
        attention, recurrent = lengths ** 2 * d, lengths * d ** 2
        assert lengths[attention <= recurrent].max().item() == number(v)


def test_search_space_size():
    for v in variants("front.search-space-size"):
        edges, ops = v.values["E"], v.values["K"]
        assert math.prod([ops] * edges) == number(v)
    small = torch.cartesian_prod(*[torch.arange(3)] * 5)  # the lesson's 3 operations on 5 edges
    assert len({tuple(row.tolist()) for row in small}) == 3 ** 5 == 243


def test_darts_cell_edges():
    for v in variants("front.darts-edges"):
        n = v.values["n"]
        edges = [(src, 2 + j) for j in range(n) for src in range(2 + j)]
        assert len(edges) == len(set(edges)) == number(v)


def test_darts_weight():
    for v in variants("front.darts-weight"):
        k = v.values
        close(number(v), torch.softmax(t64(k["a1"], k["a2"], k["a3"]), 0)[0].item())


def test_darts_mixed_output():
    for v in variants("front.darts-mixed-output"):
        k = v.values
        conv = nn.Conv1d(1, 1, 1, bias=False).double()
        with torch.no_grad():
            conv.weight.fill_(k["c"])
        x = t64(k["x"]).reshape(1, 1, 1)
        outputs = torch.stack([conv(x), nn.Identity()(x), torch.zeros_like(x)]).flatten()
        weights = torch.softmax(t64(k["a1"], k["a2"], k["a3"]), 0)
        close(number(v), (weights * outputs).sum().item())


def test_darts_two_op_weight():
    (v,) = variants("front.darts-two-op-weight")
    expr = expression(v)
    for p in points({"alpha_1": (-4, 4), "alpha_2": (-4, 4)}):
        close(at(expr, p), torch.softmax(t64(p["alpha_1"], p["alpha_2"]), 0)[0].item())


def test_darts_derivative_matches_autograd():
    (v,) = variants("front.darts-derivative")
    reference = derivative.reference_expr(v)
    for p in points({"alpha_1": (-3, 3), "alpha_2": (-3, 3), "h_1": (-2, 2), "h_2": (-2, 2)}):
        def mixed(alpha_1, alpha_2, h_1, h_2):
            return (torch.softmax(torch.stack([alpha_1, alpha_2]), 0) * torch.stack([h_1, h_2])).sum()
        close(at(reference, p), grads(mixed, **p)["alpha_1"])


def test_message_passing_value():
    adjacency = torch.zeros(4, 4, dtype=F64)
    for a, b in [(0, 1), (1, 2), (2, 3)]:
        adjacency[a, b] = adjacency[b, a] = 1
    for v in variants("front.message-passing-value"):
        k = v.values
        features = t64(k["x1"], k["x2"], k["x3"], k["x4"])
        close(number(v), ((adjacency + torch.eye(4, dtype=F64)) @ features)[2].item())


def test_gcn_shape():
    for v in variants("front.gcn-shape"):
        k = v.values
        a_hat = torch.empty(k["n"], k["n"], device=META)
        h = torch.empty(k["n"], k["F"], device=META)
        w = torch.empty(k["F"], k["G"], device=META)
        assert (a_hat @ h @ w).shape == dims(v)


def test_gcn_params():
    for v in variants("front.gcn-params"):
        assert n_params(nn.Linear(v.values["F"], v.values["G"], device=META)) == number(v)


# the lessons' worked examples ---------------------------------------------------

def test_attention_lesson_numbers():
    q = t64(1, 2, 0, 1).reshape(1, 4)
    keys = t64(1, 1, 0, 1, 0, 1, 1, -1).reshape(2, 4)
    values = t64(2, 0, 0, 4).reshape(2, 2)
    weights = torch.softmax(q @ keys.T / 2, -1)[0]
    out = F.scaled_dot_product_attention(q, keys, values)[0]
    shows("attention-transformers", f"≈ {weights[0]:.4f}, and {weights[1]:.4f}",
          f"≈ ({out[0]:.4f}, {out[1]:.4f})")
    for temperature, shown in [(0.5, "0.982"), (1, "0.881"), (4, "0.622")]:
        weight = torch.softmax(t64(2 / temperature, 0), 0)[0].item()
        assert f"{weight:.3f}" == shown
        shows("attention-transformers", f"≈ {shown}")
    mha = nn.MultiheadAttention(512, 8, batch_first=True, device=META)
    out, w = mha(torch.empty(2, 5, 512, device=META), torch.empty(2, 7, 512, device=META),
                 torch.empty(2, 7, 512, device=META))
    assert (tuple(out.shape), tuple(w.shape)) == ((2, 5, 512), (2, 5, 7))
    shows("attention-transformers", f"= {n_params(mha):,}", "output (2, 5, 512), weights (2, 5, 7)")
    table = sinusoidal(3, 8)
    shows("attention-transformers", f"sin 2 ≈ {table[2, 0]:.4f}", f"cos 2 ≈ {table[2, 1]:.4f}".replace("-", "−"),
          f"sin 0.2 ≈ {table[2, 2]:.4f}", f"cos 0.2 ≈ {table[2, 3]:.4f}")
    layer = nn.TransformerEncoderLayer(512, 8, dim_feedforward=2048, device=META)
    ffn = n_params(layer.linear1) + n_params(layer.linear2)
    norms = n_params(layer.norm1) + n_params(layer.norm2)
    shows("attention-transformers", f"= {ffn:,}", f"= {norms:,}", f"total {n_params(layer):,}")


def test_vae_lesson_numbers():
    model = nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 784)).to(META)
    shows("autoencoders-vae", f"= {n_params(model):,} parameters")
    mu, lv, eps = t64(0.5, grad=True), t64(math.log(4), grad=True), -0.4
    z = mu + torch.exp(0.5 * lv) * eps
    z.backward()
    assert (round(z.item(), 10), mu.grad.item(), round(lv.grad.item(), 10)) == (-0.3, 1.0, -0.4)
    shows("autoencoders-vae", "z = 0.5 + 2 · (−0.4) = −0.3", "∂z/∂lv = ½ · 2 · (−0.4) = −0.4",
          f"lv = ln 4 ≈ {math.log(4):.3f}")
    per_dim = kl_divergence(Normal(t64(1, 0), torch.exp(0.5 * t64(0, -1))), Normal(0.0, 1.0))
    shows("autoencoders-vae", f"= {per_dim[0]:.1f}.", f"≈ {per_dim[1]:.4f}", f"KL ≈ {per_dim.sum():.4f}")


def test_explainability_lesson_numbers():
    x = t64(3, 2, grad=True)
    (x[0] ** 2 * x[1]).backward()
    g = x.grad
    ig = integrated_gradients(lambda p: p[:, 0] ** 2 * p[:, 1], x.detach(), torch.zeros(2, dtype=F64))
    shows("explainability", f"= ({g[0]:.0f}, {g[1]:.0f})", f"= ({3 * g[0]:.0f}, {2 * g[1]:.0f})",
          f"IG₁ = ⅔ · 18 = {ig[0]:.0f} and IG₂ = ⅓ · 18 = {ig[1]:.0f}")
    shows("explainability", f"F(5) ≈ {1 - math.exp(-5):.4f}", f"e⁻⁵ ≈ {math.exp(-5):.4f}")


def test_frontiers_lesson_numbers():
    shows("frontiers", f"8¹⁴ = {8 ** 14:,}", f"3⁵ = {3 ** 5}")
    tokens = nn.Conv2d(3, 8, 16, stride=16, device=META)(torch.empty(1, 3, 224, 224, device=META))
    n = tokens.flatten(2).shape[-1]
    shows("frontiers", f"= {n} tokens", f"{n}² = {n * n:,}", f"784² = {784 ** 2:,}")
    weights = torch.softmax(t64(1, 0, -1), 0)
    mixed = (weights * t64(6, 2, 0)).sum()
    shows("frontiers", "softmax(1, 0, −1) ≈ ({:.4f}, {:.4f}, {:.4f})".format(*weights.tolist()),
          f"≈ {mixed:.4f}")
    adjacency = t64(0, 1, 0, 1, 0, 1, 0, 1, 0).reshape(3, 3) + torch.eye(3, dtype=F64)
    sums = adjacency @ t64(1, 2, 3)
    shows("frontiers", "= ({:.0f}, {:.0f}, {:.0f})".format(*sums.tolist()))


# coverage --------------------------------------------------------------------

def my_questions() -> list:
    """The questions of these topics' banks (code exercises have their own tests)."""
    return [q for t in TOPICS for q in bank_questions(t)]


def test_every_computable_answer_is_covered():
    """A new numeric, shape or hand-written symbolic answer needs a test here."""
    covered = called_ids(__file__, "variants")
    source = Path(__file__).read_text(encoding="utf-8")
    covered |= set(re.findall(r'\("([a-z0-9._-]+)", "[a-z]+"\)', source))  # parametrised tests
    checked_kinds = ("numeric", "shape", "expression", "matrix", "derivative")
    assert_checked(covered, my_questions(), lambda q: q.kind in checked_kinds,
                   missing_says="without a PyTorch check")


def test_choice_questions_are_the_only_ones_not_recomputed():
    kinds = {q.kind for q in my_questions()}
    assert kinds <= {"choice", "numeric", "shape", "expression", "matrix", "derivative"}
