"""The autoencoders-vae additions (issue 11 §2): the ELBO derived (its gap is
the posterior KL), Gaussian and Bernoulli decoders and the scale of the
reconstruction term, every answer and worked number recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, Categorical, Normal, kl_divergence

from tests.content.bank_access import BOOKS, close, distinct, number, shows

F64 = torch.float64


def _two_code_model(a: float, b: float, q: list[float]) -> tuple[float, float, float]:
    """(log p(x), the ELBO of q, KL(q ‖ p(z | x))) for p(z) = (½, ½), p(x | z) = (a, b)."""
    prior = torch.tensor([0.5, 0.5], dtype=F64)
    joint = prior * torch.tensor([a, b], dtype=F64)  # p(x, z)
    q_t = torch.tensor(q, dtype=F64)
    elbo = (q_t * (joint.log() - q_t.log())).sum().item()
    posterior = Categorical(probs=joint / joint.sum())
    return joint.sum().log().item(), elbo, kl_divergence(Categorical(probs=q_t), posterior).item()


def test_elbo_gap_is_the_posterior_kl():
    assert BOOKS.question("vae.elbo-gap").answer == "a"
    for a, b, q in [(0.2, 0.6, [0.5, 0.5]), (0.1, 0.8, [0.9, 0.1]), (0.3, 0.5, [0.2, 0.8])]:
        log_px, elbo, kl = _two_code_model(a, b, q)
        assert log_px - elbo == pytest.approx(kl, abs=1e-12)


def test_elbo_of_a_discrete_model():
    for v in distinct("vae.elbo-discrete", "a", "b"):
        log_px, elbo, kl = _two_code_model(v.values["a"], v.values["b"], [0.5, 0.5])
        close(number(v), elbo)
        assert elbo < log_px


def test_gaussian_decoder_nll():
    for v in distinct("vae.gaussian-decoder-nll", "s2", "x1", "x2"):
        x = torch.tensor([v.values["x1"], v.values["x2"]], dtype=F64)
        decoder = Normal(torch.full((2,), 0.5, dtype=F64), math.sqrt(v.values["s2"]))
        close(number(v), -decoder.log_prob(x).sum().item())


def test_mean_mse_acts_as_beta():
    """The minimiser of mean-MSE + KL is that of (‖x − x̂‖²/(2σ²)) + β·KL with the bank's β."""
    gen = torch.Generator().manual_seed(7)
    for v in distinct("vae.mean-mse-beta", "d", "s2"):
        d, s2, beta = v.values["d"], v.values["s2"], number(v)
        x, xhat = torch.rand(d, dtype=F64, generator=gen), torch.rand(d, dtype=F64, generator=gen)
        kl = torch.rand((), dtype=F64, generator=gen)
        written = F.mse_loss(xhat, x) + kl
        weighted_elbo = ((x - xhat) ** 2).sum() / (2 * s2) + beta * kl
        close(written.item(), (2 * s2 / d) * weighted_elbo.item())


def test_the_worked_examples():
    log_px, elbo, kl = _two_code_model(0.2, 0.6, [0.5, 0.5])
    assert (round(log_px, 4), round(elbo, 4), round(kl, 4)) == (-0.9163, -1.0601, 0.1438)
    log_px, elbo, _ = _two_code_model(0.2, 0.6, [0.25, 0.75])
    assert elbo == pytest.approx(log_px)
    x = torch.tensor([0.2, 0.9], dtype=F64)
    nll = [-Normal(torch.full((2,), 0.5, dtype=F64), math.sqrt(s2)).log_prob(x).sum().item()
           for s2 in (1.0, 0.01)]
    assert [round(t, 4) for t in nll] == [1.9629, 9.7327]
    logit = torch.tensor(2.0, dtype=F64)
    pixel = [-Bernoulli(logits=logit).log_prob(torch.tensor(t, dtype=F64)).item() for t in (1.0, 0.0)]
    assert [round(t, 4) for t in pixel] == [0.1269, 2.1269]
    assert torch.sigmoid(logit).item() == pytest.approx(0.8808, abs=5e-5)
    assert 784 / (2 * 1) == 392
    shows("autoencoders-vae", "log p(x) ≈ −0.9163", "(0.25, 0.75)", "≈ −1.0601", "≈ 0.1438",
          "1.9629", "9.7327", "≈ 0.1269", "≈ 2.1269", "β = 392")
