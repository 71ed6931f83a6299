"""eigen-svd-pca, probability and bayesian: every answer recomputed independently.

Each test loads a question through the library, draws several variants and
recomputes the answer another way: torch.linalg for eigenvalues, SVDs and PCA,
torch.distributions for densities and responsibilities, autograd for the
derivatives that SymPy computes, Gaussian conditioning for the conjugate
posterior, numerical integration for the Beta posterior. The worked examples
of the three lessons are recomputed at the end. If the bank or a lesson said a
wrong number, these fail.
"""

from __future__ import annotations

import functools
import math

import pytest
import sympy as sp
import torch
import torch.nn as nn
from torch.distributions import Bernoulli, Beta, Normal

from dltutor.bank.models import Variant
from dltutor.kinds import derivative
from dltutor.kinds.base import as_text
from dltutor.kinds.matrix import answer_text
from dltutor.kinds.symbolic import variables
from dltutor.mathexpr import parse, parse_list

from bank_access import (assert_checked, bank_questions, called_ids, close, dims, number, shows,
                         variants)

F64 = torch.float64
META = torch.device("meta")
TOPICS = ("eigen-svd-pca", "probability", "bayesian")


def t(*values: float) -> torch.Tensor:
    return torch.tensor(values, dtype=F64)


def gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def value_at(expr: sp.Expr, **point: float) -> float:
    """A bank expression (as the library parsed it) at a point, by variable name."""
    subs = {s: point[s.name] for s in expr.free_symbols}
    return float(expr.subs(subs).evalf(30))


def reference(variant: Variant) -> sp.Expr:
    """The reference answer of an expression or derivative question."""
    if variant.question.kind == "derivative":
        return derivative.reference_expr(variant)
    return parse(as_text(variant.answer), variables(variant))


def grad_of(function, point: float) -> float:
    x = torch.tensor(float(point), dtype=F64, requires_grad=True)
    function(x).backward()
    return x.grad.item()


def similar(diagonal: torch.Tensor, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A non-symmetric matrix P diag P⁻¹ with the given eigenvalues, and P."""
    n = diagonal.numel()
    p = torch.eye(n, dtype=F64) * 2 + 0.5 * torch.randn(n, n, dtype=F64, generator=gen(seed))
    return p @ torch.diag(diagonal) @ torch.linalg.inv(p), p


def orthonormal(rows: int, cols: int, seed: int) -> torch.Tensor:
    q, _ = torch.linalg.qr(torch.randn(rows, rows, dtype=F64, generator=gen(seed)))
    return q[:, :cols]


# eigen-svd-pca ---------------------------------------------------------------

def test_char_poly_is_monic_and_vanishes_at_the_eigenvalues():
    for v in variants("eig.char-poly"):
        k = v.values
        a = t(k["a"], k["b"], k["c"], k["d"]).reshape(2, 2)
        poly = sp.Poly(reference(v), *reference(v).free_symbols)
        coeffs = [float(c) for c in poly.all_coeffs()]
        assert coeffs == pytest.approx([1.0, -torch.trace(a).item(), torch.linalg.det(a).item()])
        for lam in torch.linalg.eigvals(a).tolist():  # may be a complex pair
            assert abs(coeffs[0] * lam ** 2 + coeffs[1] * lam + coeffs[2]) < 1e-9


def test_det_from_eigenvalues():
    for v in variants("eig.det-from-eigenvalues"):
        eig = t(v.values["l1"], v.values["l2"], v.values["l3"])
        a, _ = similar(eig, v.seed)
        assert sorted(torch.linalg.eigvals(a).real.tolist()) == pytest.approx(sorted(eig.tolist()))
        assert number(v) == pytest.approx(torch.linalg.det(a).item(), rel=1e-9)


def test_power_of_an_eigenvector():
    for v in variants("eig.power"):
        w, p = similar(t(v.values["lam"], 0.3), v.seed)
        vec = p[:, 0]
        h = torch.linalg.matrix_power(w, v.values["k"]) @ vec
        assert torch.allclose(h, (h @ vec) / (vec @ vec) * vec)  # still along v
        assert number(v) == pytest.approx(((h @ vec) / (vec @ vec)).item(), rel=1e-9)


def test_symmetric_eigenvalue():
    for v in variants("eig.sym-eigenvalue"):
        k = v.values
        a = t(k["a"], k["b"], k["b"], k["c"]).reshape(2, 2)
        close(number(v), torch.linalg.eigvalsh(a)[-1].item())


def test_svd_shape():
    for v in variants("eig.svd-shape"):
        a = torch.randn(v.values["m"], v.values["n"], generator=gen(v.seed))
        u, s, vh = torch.linalg.svd(a, full_matrices=False)
        assert u.shape == dims(v)
        assert torch.allclose(u @ torch.diag(s) @ vh, a, atol=1e-4)


def test_largest_singular_value_2x2():
    for v in variants("eig.singular-2x2"):
        k = v.values
        a = t(k["a"], 0, k["b"], k["c"]).reshape(2, 2)
        close(number(v), torch.linalg.svdvals(a)[0].item())
        close(number(v), torch.linalg.eigvalsh(a.T @ a)[-1].sqrt().item())


def test_lora_params():
    for v in variants("eig.lora-params"):
        m, n, r = v.values["m"], v.values["n"], v.values["r"]
        down = nn.Linear(n, r, bias=False, device=META)  # A: (r, n)
        up = nn.Linear(r, m, bias=False, device=META)  # B: (m, r)
        assert (up.weight @ down.weight).shape == nn.Linear(n, m, device=META).weight.shape
        assert sum(p.numel() for p in [*down.parameters(), *up.parameters()]) == number(v)


def test_low_rank_error_is_eckart_young():
    for v in variants("eig.low-rank-error"):
        s = t(*(v.values[name] for name in ("s1", "s2", "s3", "s4")))
        a = orthonormal(6, 4, v.seed) @ torch.diag(s) @ orthonormal(5, 4, v.seed + 1000).T
        u, sv, vh = torch.linalg.svd(a)
        a2 = u[:, :2] @ torch.diag(sv[:2]) @ vh[:2]
        close(number(v), (torch.linalg.matrix_norm(a - a2, "fro") ** 2).item())


def test_explained_variance_ratio_by_pca():
    for v in variants("eig.explained-variance"):
        s = t(v.values["s1"], v.values["s2"], v.values["s3"])
        n = 12
        basis = torch.cat([torch.ones(n, 1, dtype=F64),
                           torch.randn(n, 3, dtype=F64, generator=gen(v.seed))], dim=1)
        q, _ = torch.linalg.qr(basis)  # columns 2..4 are orthogonal to the ones vector
        x_c = q[:, 1:4] @ torch.diag(s) @ orthonormal(3, 3, v.seed).T
        x = x_c + t(100.0, -3.0, 7.0)  # the data as collected, not centred
        assert torch.allclose(torch.linalg.svdvals(x - x.mean(0)), s)
        variances = torch.linalg.eigvalsh(torch.cov(x.T))
        close(number(v), (variances[-1] / variances.sum()).item())


def test_pca_scores_shape():
    for v in variants("eig.pca-scores-shape"):
        k = v.values
        x = torch.randn(k["N"], k["d"], generator=gen(v.seed))
        _, _, basis = torch.pca_lowrank(x, q=k["k"])
        assert ((x - x.mean(0)) @ basis).shape == dims(v)


def test_variance_derivative_by_autograd():
    for v in variants("eig.variance-derivative"):
        k = v.values
        cov = t(k["a"], k["b"], k["b"], k["c"]).reshape(2, 2)

        def variance(theta: torch.Tensor) -> torch.Tensor:
            u = torch.stack([torch.cos(theta), torch.sin(theta)])
            return u @ cov @ u

        ref = reference(v)
        for theta in (-1.3, 0.2, 0.9, 2.5):
            assert value_at(ref, theta=theta) == pytest.approx(grad_of(variance, theta), abs=1e-9)
        top = torch.linalg.eigh(cov).eigenvectors[:, -1]
        assert value_at(ref, theta=math.atan2(top[1], top[0])) == pytest.approx(0, abs=1e-9)


# probability -----------------------------------------------------------------

def test_gaussian_pdf():
    for v in variants("prob.gaussian-pdf"):
        k = v.values
        density = Normal(t(k["mu"]), t(k["s"])).log_prob(t(k["x"])).exp()
        close(number(v), density.item())


def test_sample_shape():
    for v in variants("prob.sample-shape"):
        b, n = v.values["B"], v.values["N"]
        dist = Normal(torch.zeros(b), torch.ones(b))
        assert dist.sample((n,)).shape == dims(v)


def two_point(mean: float, variance: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Values and probabilities of X = mean ± √variance, each with probability ½."""
    spread = math.sqrt(variance)
    return t(mean - spread, mean + spread), t(0.5, 0.5)


def variance_of(values: torch.Tensor, probs: torch.Tensor) -> float:
    mean = (probs * values).sum()
    return (probs * (values - mean) ** 2).sum().item()


def test_variance_from_moments():
    for v in variants("prob.variance-from-moments"):
        values, probs = two_point(v.values["m"], number(v))
        assert (probs * values).sum().item() == pytest.approx(v.values["m"])
        assert (probs * values ** 2).sum().item() == pytest.approx(v.values["m2"])  # as the prompt says
        close(number(v), variance_of(values, probs))


def test_discrete_variance():
    for v in variants("prob.discrete-variance"):
        probs = t(v.values["p0"], v.values["p1"], v.values["p2"])
        assert probs.sum().item() == pytest.approx(1.0)
        close(number(v), variance_of(t(0, 1, 2), probs))


def test_variance_of_affine_map():
    for v in variants("prob.var-affine"):
        values, probs = two_point(1.0, v.values["v"])
        close(number(v), variance_of(v.values["a"] * values + v.values["b"], probs))


def test_bernoulli_variance_expression():
    (v,) = variants("prob.bernoulli-variance")
    for p in (0.05, 0.3, 0.5, 0.81):
        assert value_at(reference(v), p=p) == pytest.approx(Bernoulli(t(p)).variance.item())


def test_bayes_rule_on_a_joint_table():
    for v in variants("prob.bayes-test"):
        k = v.values
        prior = t(k["prev"], 1 - k["prev"])  # condition, healthy
        positive = t(k["sens"], k["fpr"])  # P(+ | condition), P(+ | healthy)
        joint = prior * positive
        close(number(v), (joint[0] / joint.sum()).item())


def bernoulli_loglik(p: torch.Tensor, k: int, n: int) -> torch.Tensor:
    data = torch.cat([torch.ones(k, dtype=F64), torch.zeros(n - k, dtype=F64)])
    return Bernoulli(probs=p).log_prob(data).sum()


def test_bernoulli_mle_maximises_the_likelihood():
    for v in variants("prob.bernoulli-mle"):
        k, n = v.values["k"], v.values["n"]
        p_hat = number(v)
        assert grad_of(lambda p: bernoulli_loglik(p, k, n), p_hat) == pytest.approx(0, abs=1e-9)
        best = bernoulli_loglik(t(p_hat), k, n)
        for other in (p_hat - 1e-3, p_hat + 1e-3, 0.5):
            assert bernoulli_loglik(t(other), k, n) < best


def test_bernoulli_loglik_derivative_by_autograd():
    for v in variants("prob.bernoulli-loglik-derivative"):
        k, n = v.values["k"], v.values["n"]
        for p in (0.1, 0.35, 0.6, 0.93):
            expected = grad_of(lambda q: bernoulli_loglik(q, k, n), p)
            assert value_at(reference(v), p=p) == pytest.approx(expected, rel=1e-9)


def test_gaussian_mu_gradient_by_autograd():
    for v in variants("prob.gaussian-mu-gradient"):
        k = v.values
        data = t(k["x1"], k["x2"], k["x3"])
        scale = t(k["s2"]).sqrt()
        for mu in (-1.5, 0.0, 2.25, 7.0):  # the constant log(σ√(2π)) drops out
            expected = grad_of(lambda m: Normal(m, scale).log_prob(data).sum(), mu)
            assert value_at(reference(v), mu=mu) == pytest.approx(expected, rel=1e-9, abs=1e-12)
        assert value_at(reference(v), mu=data.mean().item()) == pytest.approx(0, abs=1e-9)


def test_gaussian_mle_variance():
    for v in variants("prob.gaussian-mle-variance"):
        data = t(*(v.values[f"x{i}"] for i in range(1, 5)))
        close(number(v), torch.var(data, correction=0).item())
        # and it maximises the Gaussian likelihood over σ
        sigma_hat = math.sqrt(number(v))
        grad = grad_of(lambda s: Normal(data.mean(), s).log_prob(data).sum(), sigma_hat)
        assert grad == pytest.approx(0, abs=1e-9)


def test_gaussian_log_density_gradient_by_autograd():
    (v,) = variants("prob.gaussian-grad")
    entries = parse_list(answer_text(v.answer), variables(v))
    for x, mu, sigma in [(0.3, -1.0, 0.7), (2.0, 2.5, 1.9), (-4.0, 1.0, 3.0)]:
        m = torch.tensor(mu, dtype=F64, requires_grad=True)
        s = torch.tensor(sigma, dtype=F64, requires_grad=True)
        Normal(m, s).log_prob(t(x)).backward()  # the constant −½ log 2π has no gradient
        point = {"x": x, "mu": mu, "sigma": sigma}
        assert value_at(entries[0], **point) == pytest.approx(m.grad.item(), rel=1e-9)
        assert value_at(entries[1], **point) == pytest.approx(s.grad.item(), rel=1e-9)


# bayesian --------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def beta_posterior_on_a_grid(a: float, b: float, k: int, n: int):
    theta = torch.linspace(1e-9, 1 - 1e-9, 50_001, dtype=F64)
    unnormalised = (k * theta.log() + (n - k) * torch.log1p(-theta)
                    + Beta(t(a), t(b)).log_prob(theta)).exp()
    return theta, unnormalised / torch.trapezoid(unnormalised, theta)


def test_beta_posterior_mean_by_integration():
    for v in variants("bayes.beta-posterior-mean"):
        a, b, k, n = (v.values[name] for name in ("a", "b", "k", "n"))
        theta, density = beta_posterior_on_a_grid(a, b, k, n)
        assert number(v) == pytest.approx(torch.trapezoid(theta * density, theta).item(), abs=1e-7)
        close(number(v), Beta(t(a + k), t(b + n - k)).mean.item())


def test_beta_map_maximises_the_posterior():
    for v in variants("bayes.beta-map"):
        a, b, k, n = (v.values[name] for name in ("a", "b", "k", "n"))
        theta, density = beta_posterior_on_a_grid(a, b, k, n)
        assert number(v) == pytest.approx(theta[density.argmax()].item(), abs=5e-5)
        close(number(v), Beta(t(a + k), t(b + n - k)).mode.item())


def conditioned_on_data(mu0: float, s02: float, s2: float, data: torch.Tensor):
    """Posterior of μ from the joint Gaussian of (μ, x₁..x_N): the conditioning formula."""
    n = data.numel()
    cov_xx = s02 * torch.ones(n, n, dtype=F64) + s2 * torch.eye(n, dtype=F64)
    cov_mx = s02 * torch.ones(n, dtype=F64)
    weights = torch.linalg.solve(cov_xx, cov_mx)
    return mu0 + weights @ (data - mu0), s02 - weights @ cov_mx


def test_gaussian_posterior_variance_by_conditioning():
    for v in variants("bayes.gaussian-posterior-variance"):
        k = v.values
        _, variance = conditioned_on_data(0.0, k["s02"], k["s2"], torch.zeros(k["N"], dtype=F64))
        close(number(v), variance.item())


def test_gaussian_posterior_mean_by_conditioning():
    for v in variants("bayes.gaussian-posterior-mean"):
        k = v.values
        noise = torch.randn(k["N"], dtype=F64, generator=gen(v.seed))
        data = k["xbar"] + noise - noise.mean()  # any data with this sample mean
        mean, _ = conditioned_on_data(k["mu0"], k["s02"], k["s2"], data)
        close(number(v), mean.item())


def test_posterior_variance_expression_by_conditioning():
    (v,) = variants("bayes.posterior-variance-expression")
    for s0, s, n in [(1.0, 1.0, 1), (0.5, 2.0, 3), (3.0, 0.7, 10)]:
        _, variance = conditioned_on_data(0.0, s0 ** 2, s ** 2, torch.zeros(n, dtype=F64))
        assert value_at(reference(v), sigma_0=s0, sigma=s, N=n) == pytest.approx(variance.item())


def test_weight_decay_from_a_gaussian_prior():
    for v in variants("bayes.weight-decay-lambda"):
        prior = Normal(t(0.0), t(v.values["tau"]))
        for w in (-0.7, 0.3, 2.0):
            penalty_slope = grad_of(lambda x: -prior.log_prob(x), w)  # d/dw (λ/2)w² = λw
            close(number(v), penalty_slope / w)


def test_map_gradient_by_autograd():
    for v in variants("bayes.map-gradient"):
        x, y, lam = v.values["x"], v.values["y"], v.values["lam"]
        objective = lambda w: (y - x * w) ** 2 / 2 + lam * w ** 2 / 2  # noqa: E731
        for w in (-1.0, 0.4, 2.5):
            assert value_at(reference(v), w=w) == pytest.approx(grad_of(objective, w), rel=1e-9)
        # its zero is the ridge solution, least squares on the augmented system [x; √λ] w ≈ [y; 0]
        ridge = torch.linalg.lstsq(t(x, math.sqrt(lam)).reshape(2, 1), t(y, 0.0).reshape(2, 1))
        assert value_at(reference(v), w=ridge.solution.item()) == pytest.approx(0, abs=1e-9)


def responsibilities(weights: torch.Tensor, means: torch.Tensor, scale: float,
                     x: float) -> torch.Tensor:
    return torch.softmax(weights.log() + Normal(means, t(scale)).log_prob(t(x)), dim=0)


def test_gmm_responsibility():
    for v in variants("bayes.gmm-responsibility"):
        k = v.values
        r = responsibilities(t(k["p1"], 1 - k["p1"]), t(k["m1"], k["m2"]), k["s"], k["x"])
        close(number(v), r[0].item())


def test_responsibility_shape():
    for v in variants("bayes.responsibility-shape"):
        n, k = v.values["N"], v.values["K"]
        x = torch.randn(n, generator=gen(v.seed))
        pi = torch.softmax(torch.randn(k, generator=gen(v.seed + 1)), dim=0)
        mu, sigma = torch.randn(k, generator=gen(v.seed + 2)), torch.rand(k) + 0.5
        r = torch.softmax(pi.log() + Normal(mu, sigma).log_prob(x[:, None]), dim=1)
        assert r.shape == dims(v)
        assert torch.allclose(r.sum(dim=1), torch.ones(n))


def test_gmm_responsibility_is_a_sigmoid():
    for v in variants("bayes.gmm-sigmoid"):
        means = t(v.values["m1"], v.values["m2"])
        for x in (-3.0, -0.4, 0.5, 1.7, 4.0):
            r = responsibilities(t(0.5, 0.5), means, 1.0, x)
            assert value_at(reference(v), x=x) == pytest.approx(r[0].item(), rel=1e-9)


def test_gmm_m_step_mean():
    for v in variants("bayes.gmm-m-step"):
        k = v.values
        r, x = t(k["r1"], k["r2"], k["r3"]), t(k["x1"], k["x2"], k["x3"])
        close(number(v), ((r * x).sum() / r.sum()).item())
        # it maximises the responsibility-weighted log-likelihood over μ
        weighted = lambda mu: (r * Normal(mu, t(1.0)).log_prob(x)).sum()  # noqa: E731
        assert grad_of(weighted, number(v)) == pytest.approx(0, abs=1e-9)


# the worked examples of the lessons --------------------------------------------

def test_eigen_lesson_examples():
    a = t(2, 1, 1, 2).reshape(2, 2)
    assert torch.linalg.eigvalsh(a).tolist() == pytest.approx([1, 3])
    power = torch.linalg.matrix_power(a, 10) @ t(1, 0)
    shows("eigen-svd-pca", f"= ({power[0]:.0f}, {power[1]:.0f})")
    tri = t(3, 0, 4, 5).reshape(2, 2)
    assert (tri.T @ tri).tolist() == [[25, 20], [20, 25]]
    s1, s2 = torch.linalg.svdvals(tri).tolist()
    shows("eigen-svd-pca", f"σ₁ = √45 ≈ {s1:.3f}, σ₂ = √5 ≈ {s2:.3f}")
    assert s1 * s2 == pytest.approx(abs(torch.linalg.det(tri).item()))
    assert 8 * (4096 + 4096) == 65_536 and 4096 * 4096 == 16_777_216
    shows("eigen-svd-pca", "16,777,216 weights", "= 65,536")
    s = t(5, 3, 1, 0.5)
    a = orthonormal(5, 4, 0) @ torch.diag(s) @ orthonormal(4, 4, 1).T
    u, sv, vh = torch.linalg.svd(a)
    error = torch.linalg.matrix_norm(a - u[:, :2] @ torch.diag(sv[:2]) @ vh[:2]) ** 2
    shows("eigen-svd-pca", f"1² + 0.5² = {error.item():g}")
    x = t(1, 1, 2, 3, 3, 2, 4, 4).reshape(4, 2)
    cov = torch.cov(x.T)
    assert torch.allclose(cov * 3, t(5, 4, 4, 5).reshape(2, 2))
    lam = torch.linalg.eigvalsh(cov)
    assert lam.tolist() == pytest.approx([1 / 3, 3])
    shows("eigen-svd-pca", f"3/(3 + 1/3) = {(lam[1] / lam.sum()).item():g}")
    scores = (x - x.mean(0)) @ t(1, 1) / math.sqrt(2)
    shows("eigen-svd-pca", f"{scores[0]:.3f}, 0, 0, {scores[3]:.3f}".replace("-", "−"))
    assert scores.var().item() == pytest.approx(lam[1].item())
    theta = torch.linspace(0, math.pi, 10_001, dtype=F64)
    along = torch.stack([theta.cos(), theta.sin()])
    variance = (along * (t(2, 1, 1, 2).reshape(2, 2) @ along)).sum(0)
    assert torch.allclose(variance, 2 + torch.sin(2 * theta))  # the plotted curve
    assert theta[variance.argmax()].item() == pytest.approx(math.pi / 4, abs=1e-3)


def test_probability_lesson_examples():
    std = Normal(t(0.0), t(1.0))
    shows("probability", f"≈ {std.log_prob(t(0.0)).exp().item():.4f}",
          f"≈ {std.log_prob(t(1.0)).exp().item():.4f}")
    shows("probability", f"≈ {Normal(t(0.0), t(2.0)).log_prob(t(0.0)).exp().item():.4f}",
          f"≈ {Normal(t(0.0), t(0.1)).log_prob(t(0.0)).exp().item():.3f}")
    inside = std.cdf(t(1.0)) - std.cdf(t(-1.0))
    assert inside.item() == pytest.approx(0.68, abs=0.005)
    die = torch.arange(1, 7, dtype=F64)
    probs = torch.full((6,), 1 / 6, dtype=F64)
    shows("probability", f"≈ {(probs * die ** 2).sum().item():.3f}",
          f"≈ {variance_of(die, probs):.3f}")
    assert variance_of(die, probs) == pytest.approx(35 / 12)
    joint = t(0.01, 0.99) * t(0.99, 0.05)
    shows("probability", f"= {joint.sum().item():.4f}", f"= 1/6 ≈ {(joint[0] / joint.sum()).item():.3f}")
    data = t(2, 4, 4, 4, 5, 5, 7, 9)
    assert data.mean().item() == 5
    shows("probability", f"σ̂² = 32/8 = {torch.var(data, correction=0).item():g}",
          f"32/7 ≈ {torch.var(data).item():.3f}")
    theta = torch.linspace(0.05, 0.95, 9001, dtype=F64)
    loglik = 7 * theta.log() + 3 * torch.log1p(-theta)  # the plotted curve
    assert theta[loglik.argmax()].item() == pytest.approx(0.7, abs=1e-4)


def test_bayesian_lesson_examples():
    shows("bayesian", f"= {Beta(t(4.0), t(1.0)).mean.item():g}")  # uniform prior, 3 heads of 3
    post = Beta(t(9.0), t(5.0))
    shows("bayesian", f"9/14 ≈ {post.mean.item():.3f}", f"8/12 ≈ {post.mode.item():.3f}")
    x = torch.linspace(0.001, 0.999, 9, dtype=F64)  # the plotted densities, normalised
    for a, b, scale in [(2, 2, 6), (8, 4, 1320), (9, 5, 6435)]:
        plotted = scale * x ** (a - 1) * (1 - x) ** (b - 1)
        assert torch.allclose(plotted, Beta(t(a), t(b)).log_prob(x).exp())
    mean, variance = conditioned_on_data(0.0, 1.0, 4.0, t(1.5, 2.5, 1.0, 3.0))
    shows("bayesian", f"σ_N² = {variance.item():g}", f"= {mean.item():g}.")
    ridge = torch.linalg.lstsq(t(2.0, 1.0).reshape(2, 1), t(3.0, 0.0).reshape(2, 1)).solution
    shows("bayesian", f"w* = 6/5 = {ridge.item():g}")
    r = responsibilities(t(0.5, 0.5), t(0.0, 2.0), 1.0, 1.5)
    shows("bayesian", f"≈ {r[0].item():.3f}")
    weights, points = t(0.9, 0.6, 0.1), t(0, 1, 4)
    shows("bayesian", f"N₁ = {weights.sum().item():g}",
          f"= {((weights * points).sum() / weights.sum()).item():g}",
          f"≈ {(weights.sum() / 3).item():.3f}")


# coverage --------------------------------------------------------------------

def test_every_question_is_checked():
    """Every numeric, shape and symbolic question of the three topics has a test here."""
    assert_checked(called_ids(__file__, "variants"),
                   [q for topic in TOPICS for q in bank_questions(topic)],
                   lambda q: q.kind != "choice", missing_says="questions without an independent check")
