"""Losses, feedforward networks, optimizers, regularisation: the bank against PyTorch.

Each test loads a question through the library, draws several variants, and
recomputes the answer independently with PyTorch: the loss functions
themselves (F.cross_entropy, F.binary_cross_entropy_with_logits, F.kl_div,
F.mse_loss), real modules for parameter counts and shapes, real optimizer
steps (torch.optim.SGD, Adam, lr_scheduler) on a tensor, BatchNorm/LayerNorm
forward passes and F.dropout. If the bank said the wrong number, these fail.
The lessons' worked examples are recomputed the same way at the end.
"""

from __future__ import annotations

import functools
import math
from typing import Callable

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from dltutor.bank.models import Variant
from dltutor.kinds import numeric
from dltutor.kinds.base import as_text

import bank_access
from bank_access import (assert_checked, bank_questions, called_ids, close, dims, n_params, number,
                         shows)

SEEDS = range(40)  # more than the other files' 30
variants = functools.partial(bank_access.variants, seeds=SEEDS)
distinct = functools.partial(bank_access.distinct, seeds=SEEDS)  # one variant per value of the names
META = torch.device("meta")
F64 = torch.float64
TOPICS = ("losses-information", "feedforward", "optimizers", "regularization")
# Numeric and shape questions no test here can compute, each with the reason.
NOT_COMPUTABLE: dict[str, str] = {}


def t64(*values: float) -> torch.Tensor:
    return torch.tensor([float(v) for v in values], dtype=F64)


def run_optimizer(make: Callable[[list[torch.Tensor]], torch.optim.Optimizer], w0: float,
                  grads: list[float]) -> float:
    """Real optimizer steps on one float64 parameter with the given gradients."""
    w = torch.tensor([float(w0)], dtype=F64, requires_grad=True)
    opt = make([w])
    for g in grads:
        opt.zero_grad()
        w.grad = t64(g)
        opt.step()
    return w.item()


def gd_on(loss: Callable[[torch.Tensor], torch.Tensor], w0: float, lr: float, steps: int) -> float:
    """torch.optim.SGD on a loss of one weight, gradients by autograd."""
    w = torch.tensor(float(w0), dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss(w).backward()
        opt.step()
    return w.item()


def batch(v: Variant) -> torch.Tensor:
    k = v.values
    return t64(k["a"], k["a"] + k["d1"], k["a"] + k["d2"], k["a"] + k["d3"])


# losses-information ------------------------------------------------------------

def test_binary_entropy_value():
    for v in variants("loss.binary-entropy-value"):
        entropy = torch.distributions.Bernoulli(probs=torch.tensor(v.values["p"], dtype=F64)).entropy()
        close(number(v), entropy.item())


def test_initial_loss_is_cross_entropy_of_equal_logits():
    for v in variants("loss.initial-loss"):
        classes = v.values["K"]
        logits = torch.full((8, classes), 0.37, dtype=F64)
        target = torch.randint(0, classes, (8,))
        close(number(v), F.cross_entropy(logits, target).item())


def test_kl_value_is_f_kl_div():
    for v in variants("loss.kl-value"):
        a, b = v.values["a"], v.values["b"]
        p, q = t64(a, 1 - a), t64(b, 1 - b)
        close(number(v), F.kl_div(q.log(), p, reduction="sum").item())
        # and the bank's swapped-arguments mistake really is KL(q || p)
        swapped = next(w for w in v.wrong if w.mistake == "swapped-kl-arguments")
        close(float(numeric.parse(as_text(swapped.answer))), F.kl_div(p.log(), q, reduction="sum").item())


def test_cross_entropy_value():
    for v in variants("loss.ce-value"):
        k = v.values
        logits = t64(k["z0"], k["z1"], k["z2"]).unsqueeze(0)
        close(number(v), F.cross_entropy(logits, torch.tensor([k["c"]])).item())


def test_cross_entropy_gradient_on_true_class():
    for v in variants("loss.ce-grad-true-class"):
        k = v.values
        logits = t64(k["z0"], k["z1"], k["z2"]).unsqueeze(0).requires_grad_()
        F.cross_entropy(logits, torch.tensor([k["c"]])).backward()
        close(number(v), logits.grad[0, k["c"]].item())


def test_bce_with_logits_value():
    for v in variants("loss.bce-value"):
        z, y = t64(v.values["z"]), t64(v.values["y"])
        close(number(v), F.binary_cross_entropy_with_logits(z, y).item())


def test_mse_value():
    for v in variants("loss.mse-value"):
        k = v.values
        target = t64(k["t1"], k["t2"], k["t3"])
        pred = target + t64(k["e1"], k["e2"], k["e3"])
        close(number(v), F.mse_loss(pred, target).item())


def test_focal_loss_value():
    for v in variants("loss.focal-value"):
        pt, gamma = v.values["pt"], v.values["g"]
        # two-class logits whose softmax gives the true class probability pt
        logits = t64(math.log(pt), math.log(1 - pt)).unsqueeze(0)
        ce = F.cross_entropy(logits, torch.tensor([0]))
        p_true = torch.exp(-ce)
        assert p_true.item() == pytest.approx(pt, rel=1e-12)
        close(number(v), ((1 - p_true) ** gamma * ce).item())


def test_segmentation_cross_entropy_shape():
    for v in variants("loss.ce-segmentation-shape"):
        k = v.values
        logits = torch.empty(k["N"], k["C"], k["H"], k["W"], device=META)
        target = torch.empty(k["N"], k["H"], k["W"], dtype=torch.long, device=META)
        assert F.cross_entropy(logits, target, reduction="none").shape == dims(v)


# feedforward -------------------------------------------------------------------

def test_perceptron_update():
    for v in variants("ff.perceptron-update"):
        k = v.values
        w, x = t64(k["w1"], k["w2"]), t64(k["x1"], k["x2"])
        y_hat = float((w @ x + k["b"]).item() > 0)
        assert y_hat != k["y"], "the example is meant to be misclassified"
        w = w + k["eta"] * (k["y"] - y_hat) * x
        close(number(v), w[0].item())


def test_xor_network_value():
    w1 = torch.tensor([[1.0, -1.0], [-1.0, 1.0]], dtype=F64)
    for v in variants("ff.xor-network-value"):
        x = t64(v.values["x1"], v.values["x1"] + v.values["d"])
        close(number(v), torch.relu(w1 @ x).sum().item())
    bits = torch.tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]], dtype=F64)
    assert torch.relu(bits @ w1.T).sum(dim=1).tolist() == [0, 1, 1, 0]  # it is XOR


def test_mnist_mlp_params():
    (v,) = variants("ff.mnist-params")
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    assert n_params(model.to(META)) == number(v) == 203_530


def test_mlp_params():
    for v in variants("ff.mlp-params"):
        k = v.values
        model = nn.Sequential(nn.Linear(k["d_in"], k["h1"]), nn.ReLU(), nn.Linear(k["h1"], k["h2"]),
                              nn.ReLU(), nn.Linear(k["h2"], k["d_out"])).to(META)
        assert n_params(model) == number(v)


def test_add_hidden_unit():
    for v in variants("ff.add-hidden-unit"):
        k = v.values

        def mlp(width: int) -> nn.Module:
            return nn.Sequential(nn.Linear(k["d_in"], width), nn.ReLU(),
                                 nn.Linear(width, k["d_out"])).to(META)
        assert n_params(mlp(k["h"] + 1)) - n_params(mlp(k["h"])) == number(v)


def test_flatten_hidden_shape():
    for v in variants("ff.flatten-hidden-shape"):
        k = v.values
        model = nn.Sequential(nn.Flatten(), nn.Linear(k["S"] * k["S"], k["h"])).to(META)
        assert model(torch.empty(k["N"], 1, k["S"], k["S"], device=META)).shape == dims(v)


def test_backprop_two_layer():
    for v in variants("ff.backprop-two-layer"):
        k = v.values
        w1 = torch.tensor(k["w1"], dtype=F64, requires_grad=True)
        y = k["w2"] * torch.tanh(w1 * k["x"])
        (0.5 * (y - k["t"]) ** 2).backward()
        close(number(v), w1.grad.item())


def relu_net_pieces(w: torch.Tensor, b: torch.Tensor, out: torch.Tensor) -> int:
    """Linear pieces of x -> out · relu(w x + b) on a fine grid, from autograd slopes."""
    xs = torch.linspace(-50, 50, 20_001, dtype=F64, requires_grad=True)
    (torch.relu(xs[:, None] * w + b) @ out).sum().backward()
    slopes = xs.grad
    return 1 + int((slopes[1:] - slopes[:-1]).abs().gt(1e-9).sum())


def test_relu_pieces():
    generator = torch.Generator().manual_seed(0)
    for v in distinct("ff.relu-pieces", "n"):
        n = v.values["n"]
        # reachable: kinks at distinct points with non-zero output weights
        kinks = torch.linspace(-20, 20, n, dtype=F64)
        assert relu_net_pieces(torch.ones(n, dtype=F64), -kinks, torch.ones(n, dtype=F64)) == number(v)
        # and never more, for random networks
        for _ in range(3):
            w = torch.randn(n, dtype=F64, generator=generator)
            b = torch.randn(n, dtype=F64, generator=generator) * 10
            out = torch.randn(n, dtype=F64, generator=generator)
            assert relu_net_pieces(w, b, out) <= number(v)


# optimizers --------------------------------------------------------------------

def test_gd_step():
    for v in variants("opt.gd-step"):
        k = v.values
        close(number(v), gd_on(lambda w: k["a"] * w ** 2, k["w0"], k["eta"], 1))


def test_gd_k_steps():
    for v in variants("opt.gd-k-steps"):
        k = v.values
        close(number(v), gd_on(lambda w: w ** 2, k["w0"], k["eta"], k["k"]))


def test_quadratic_max_lr_is_the_convergence_edge():
    for v in distinct("opt.quadratic-max-lr", "a"):
        a, edge = v.values["a"], number(v)
        below = gd_on(lambda w: a * w ** 2, 1.0, 0.995 * edge, 2000)
        above = gd_on(lambda w: a * w ** 2, 1.0, 1.005 * edge, 2000)
        assert abs(below) < 1e-3 and abs(above) > 1e3
        assert abs(gd_on(lambda w: a * w ** 2, 1.0, edge, 2000)) == pytest.approx(1.0)


def test_momentum_steps():
    for v in variants("opt.momentum-steps"):
        k = v.values
        w = run_optimizer(lambda ps: torch.optim.SGD(ps, lr=k["eta"], momentum=k["mu"]),
                          k["w0"], [k["g1"], k["g2"]])
        close(number(v), w)


def test_momentum_speedup():
    for v in distinct("opt.momentum-speedup", "mu"):
        mu, lr = v.values["mu"], 0.01
        w = torch.zeros(1, dtype=F64, requires_grad=True)
        opt = torch.optim.SGD([w], lr=lr, momentum=mu)
        for _ in range(3000):
            before = w.item()
            w.grad = t64(1.0)
            opt.step()
        assert number(v) == pytest.approx((before - w.item()) / lr, rel=1e-9)


def test_adam_first_step():
    for v in variants("opt.adam-first-step"):
        k = v.values
        close(number(v), run_optimizer(lambda ps: torch.optim.Adam(ps, lr=k["eta"]), k["w0"], [k["g"]]))


def test_adam_two_steps():
    for v in variants("opt.adam-two-steps"):
        k = v.values
        w = run_optimizer(lambda ps: torch.optim.Adam(ps, lr=k["eta"], betas=(0.9, 0.999), eps=1e-8),
                          k["w0"], [k["g1"], k["g2"]])
        close(number(v), w)


def scheduled_lr(make: Callable[[torch.optim.Optimizer], object], lr: float, steps: int) -> float:
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    scheduler = make(opt)
    for _ in range(steps):
        opt.step()
        scheduler.step()
    return opt.param_groups[0]["lr"]


def test_cosine_lr():
    for v in variants("opt.cosine-lr"):
        k = v.values
        lr = scheduled_lr(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(
            o, T_max=k["T"], eta_min=k["lo"]), k["hi"], k["t"])
        close(number(v), lr)


def test_step_lr():
    for v in variants("opt.step-lr"):
        k = v.values
        lr = scheduled_lr(lambda o: torch.optim.lr_scheduler.StepLR(
            o, step_size=k["s"], gamma=k["gamma"]), k["lr0"], k["e"])
        close(number(v), lr)


# regularization ----------------------------------------------------------------

def test_weight_decay_step():
    for v in variants("reg.weight-decay-step"):
        k = v.values
        w = run_optimizer(lambda ps: torch.optim.SGD(ps, lr=k["lr"], weight_decay=k["wd"]), k["w"], [k["g"]])
        close(number(v), w)


def test_weight_decay_is_the_half_l2_penalty():
    """SGD(weight_decay=λ) equals plain SGD on L + (λ/2)‖w‖², the lesson's formula."""
    for v in variants("reg.weight-decay-step"):
        k = v.values
        w = torch.tensor(float(k["w"]), dtype=F64, requires_grad=True)
        (k["g"] * w + k["wd"] / 2 * w ** 2).backward()
        close(number(v), k["w"] - k["lr"] * w.grad.item())


def test_decay_only_shrink():
    for v in variants("reg.decay-only-shrink"):
        k = v.values
        w = run_optimizer(lambda ps: torch.optim.SGD(ps, lr=k["lr"], weight_decay=k["wd"]),
                          k["w0"], [0.0] * k["k"])
        close(number(v), w)


def test_dropout_scale():
    for v in variants("reg.dropout-scale"):
        a, p = v.values["a"], v.values["p"]
        out = F.dropout(torch.full((20_000,), float(a), dtype=F64), p=p, training=True)
        kept = out[out != 0]
        assert 0 < kept.numel() < out.numel()
        assert torch.all(kept == kept[0])
        close(number(v), kept[0].item())
        assert torch.equal(F.dropout(torch.full((5,), float(a)), p=p, training=False),
                           torch.full((5,), float(a)))


def fresh_batchnorm(x: torch.Tensor) -> tuple[torch.Tensor, nn.BatchNorm1d]:
    bn = nn.BatchNorm1d(1).to(F64).train()
    return bn(x.unsqueeze(1)).squeeze(1), bn


def test_batchnorm_value():
    for v in variants("reg.batchnorm-value"):
        x = batch(v)
        out, _ = fresh_batchnorm(x)
        close(number(v), out[0].item())
        biased = x.var(unbiased=False)
        close(number(v), ((x[0] - x.mean()) / torch.sqrt(biased + 1e-5)).item())


def test_running_var():
    for v in variants("reg.running-var"):
        x = batch(v)
        _, bn = fresh_batchnorm(x)
        close(number(v), bn.running_var.item())
        close(number(v), 0.9 + 0.1 * x.var(unbiased=True).item())


def test_layernorm_value():
    for v in variants("reg.layernorm-value"):
        x = batch(v)
        out = nn.LayerNorm(4).to(F64)(x)
        close(number(v), out[3].item())
        close(number(v), F.layer_norm(x, (4,), eps=1e-5)[3].item())


def test_batchnorm_params():
    for v in variants("reg.bn-params"):
        assert n_params(nn.BatchNorm2d(v.values["C"], device=META)) == number(v)


def test_batchnorm_stat_shape():
    for v in variants("reg.bn-stat-shape"):
        k = v.values
        bn = nn.BatchNorm2d(k["C"], device=META).train()
        bn(torch.empty(k["N"], k["C"], k["H"], k["H"], device=META))
        assert bn.running_mean.shape == dims(v)
        x = torch.randn(2, k["C"], 3, 3)
        assert x.mean(dim=(0, 2, 3)).shape == dims(v)  # the axes BatchNorm2d reduces


def test_layernorm_weight_shape():
    for v in variants("reg.layernorm-weight-shape"):
        k = v.values
        ln = nn.LayerNorm([k["C"], k["H"], k["H"]], device=META)
        ln(torch.empty(k["N"], k["C"], k["H"], k["H"], device=META))
        assert ln.weight.shape == dims(v)


# the lessons' worked examples ----------------------------------------------------

def test_losses_lesson_examples():
    p3 = t64(0.5, 0.25, 0.25)
    shows("losses-information", f"≈ {torch.distributions.Categorical(probs=p3).entropy().item():.3f} nats",
          f"ln 10 ≈ {math.log(10):.3f}")
    p, q = t64(0.5, 0.5), t64(0.9, 0.1)
    shows("losses-information", f"≈ {F.kl_div(q.log(), p, reduction='sum').item():.4f}",
          f"≈ {F.kl_div(p.log(), q, reduction='sum').item():.4f}",
          f"≈ {-(p * q.log()).sum().item():.4f}")
    logits = t64(2, 1, 0.1).unsqueeze(0).requires_grad_()
    loss = F.cross_entropy(logits, torch.tensor([0]))
    loss.backward()
    probs = torch.softmax(logits, 1)[0].tolist()
    shows("losses-information", "p ≈ ({:.4f}, {:.4f}, {:.4f})".format(*probs),
          f"≈ {loss.item():.4f}", "({:.4f}, {:.4f}, {:.4f})".format(*logits.grad[0].tolist())
          .replace("-", "−"))
    for y, text in ((1.0, "y = 1: L"), (0.0, "y = 0: L")):
        z = t64(1.5).requires_grad_()
        bce = F.binary_cross_entropy_with_logits(z, t64(y))
        bce.backward()
        shows("losses-information", text, f"≈ {bce.item():.4f}", f"{abs(z.grad.item()):.4f}")
    shows("losses-information", f"≈ {F.mse_loss(t64(2.5, 0, 2), t64(3, -0.5, 2)).item():.4f}")
    for pt in (0.9, 0.1):
        ce = -math.log(pt)
        shows("losses-information", f"CE ≈ {ce:.4f}", f"{(1 - pt) ** 2 * ce:.{5 if pt == 0.9 else 4}f}")


def test_feedforward_lesson_examples():
    shows("feedforward", f"{n_params(nn.Linear(784, 256)):,}", f"{n_params(nn.Linear(256, 10)):,}",
          f"{n_params(nn.Sequential(nn.Linear(784, 256), nn.Linear(256, 10))):,} parameters")
    w, b, x = t64(0.5, -1), -0.5, t64(2, 1)
    assert (w @ x + b).item() == -0.5
    w, b = w + 0.1 * x, b + 0.1
    assert torch.allclose(w, t64(0.7, -0.9)) and b == pytest.approx(-0.4)
    assert (w @ x + b).item() == pytest.approx(0.1)
    shows("feedforward", "(0.7, −0.9)", "= 0.1 > 0")


def test_optimizers_lesson_examples():
    for lr, seq in ((0.1, "0.8, 0.64, 0.512"), (0.9, "−0.8, 0.64, −0.512"), (1.1, "−1.2, 1.44, −1.728")):
        got = [round(gd_on(lambda w: w ** 2, 1.0, lr, k), 6) for k in (1, 2, 3)]
        assert ", ".join(f"{g:g}" for g in got).replace("-", "−") == seq
        shows("optimizers", seq)
    ws = [round(run_optimizer(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9), 1.0, [1.0] * k), 6)
          for k in (1, 2, 3, 4)]
    shows("optimizers", "w = " + ", ".join(f"{w:g}" for w in ws))
    first = run_optimizer(lambda ps: torch.optim.Adam(ps, lr=0.001), 1.0, [0.5])
    second = run_optimizer(lambda ps: torch.optim.Adam(ps, lr=0.001), 1.0, [0.5, -0.1])
    shows("optimizers", f"w = {first:.3f}", f"w ≈ {second:.6f}", f"≈ {first - second:.6f}")
    lrs = [scheduled_lr(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=100, eta_min=0.001),
                        0.1, t) for t in (25, 50, 100)]
    shows("optimizers", f"η₂₅ ≈ {lrs[0]:.4f}", f"η₅₀ = {lrs[1]:.4f}", f"η₁₀₀ = {lrs[2]:g}")


def test_regularization_lesson_examples():
    w = run_optimizer(lambda ps: torch.optim.SGD(ps, lr=0.1, weight_decay=0.01), 2.0, [0.5])
    shows("regularization", f"= {w:g}")
    out, bn = fresh_batchnorm(t64(1, 2, 3, 6))
    shows("regularization", "({:.4f}, {:.4f}, 0, {:.4f})".format(out[0], out[1], out[3]).replace("-", "−"),
          f"= {bn.running_mean.item():.1f}", f"≈ {bn.running_var.item():.4f}")
    ln = F.layer_norm(t64(2, 4, 6, 8), (4,))
    shows("regularization", "({:.4f}, {:.4f}, {:.4f}, {:.4f})".format(*ln.tolist()).replace("-", "−"))
    unbiased = (t64(2, 4, 6, 8) - 5) / torch.sqrt(t64(20 / 3))
    shows("regularization", f"({unbiased[0].item():.4f}".replace("-", "−"))


# coverage ----------------------------------------------------------------------

def test_every_computable_answer_is_covered():
    """A new numeric or shape question in these topics needs a test here."""
    # static: `distinct("opt.momentum-speedup", "mu")` counts, whatever ran before this test
    assert_checked(called_ids(__file__, "variants", "distinct"),
                   [q for t in TOPICS for q in bank_questions(t)],
                   lambda q: q.kind in ("numeric", "shape"), NOT_COMPUTABLE,
                   "numeric/shape questions without a PyTorch check")
