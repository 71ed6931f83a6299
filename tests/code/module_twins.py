"""PyTorch's own layers behind each module exercise, called like the
module form's adapter: the forward's arrays, then the state by name. Each
twin feeds the sent state into torch's functional layers (or into the real
nn.LSTM through functional_call), so autograd reaches every parameter."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def _split(arrays, names, count):
    return list(arrays[:count]), dict(zip(names, arrays[count:]))


def _mha(x, mask, s, prefix, heads):
    t = x.transpose(0, 1)  # functional MHA is sequence-first
    w = torch.cat([s[f"{prefix}{p}_proj.weight"] for p in "qkv"])
    b = torch.cat([s[f"{prefix}{p}_proj.bias"] for p in "qkv"])
    out, _ = F.multi_head_attention_forward(
        t,
        t,
        t,
        x.shape[-1],
        heads,
        w,
        b,
        None,
        None,
        False,
        0.0,
        s[f"{prefix}out_proj.weight"],
        s[f"{prefix}out_proj.bias"],
        training=False,
        need_weights=False,
        attn_mask=None if mask is None else ~mask,
    )
    return out.transpose(0, 1)


def mlp(*arrays, __names__, __inputs__, init__sizes, init__activation="relu", **_):
    (x,), s = _split(arrays, __names__, __inputs__)
    act = torch.relu if init__activation == "relu" else torch.tanh
    for i in range(len(init__sizes) - 1):
        x = F.linear(x, s[f"layers.{i}.weight"], s[f"layers.{i}.bias"])
        x = act(x) if i < len(init__sizes) - 2 else x
    return x


def basic_block(*arrays, __names__, __inputs__, __mode__, init__stride=1, **_):
    (x,), s = _split(arrays, __names__, __inputs__)
    train = __mode__ == "train"

    def bn(t, name):  # running statistics are read, never written (copies)
        return F.batch_norm(
            t,
            s[f"{name}.running_mean"].detach().clone(),
            s[f"{name}.running_var"].detach().clone(),
            s[f"{name}.weight"],
            s[f"{name}.bias"],
            train,
        )

    out = F.relu(bn(F.conv2d(x, s["conv1.weight"], None, init__stride, 1), "bn1"))
    out = bn(F.conv2d(out, s["conv2.weight"], None, 1, 1), "bn2")
    short = (
        x
        if "shortcut.0.weight" not in s
        else bn(F.conv2d(x, s["shortcut.0.weight"], None, init__stride), "shortcut.1")
    )
    return F.relu(out + short)


def multi_head_attention(*arrays, __names__, __inputs__, init__n_heads, **_):
    inputs, s = _split(arrays, __names__, __inputs__)
    return _mha(inputs[0], inputs[1] if len(inputs) > 1 else None, s, "", init__n_heads)


def transformer_block(*arrays, __names__, __inputs__, init__n_heads, causal=False, **_):
    (x,), s = _split(arrays, __names__, __inputs__)
    d, n = x.shape[-1], x.shape[1]
    mask = torch.ones(n, n, dtype=torch.bool).tril() if causal else None
    x = x + _mha(F.layer_norm(x, (d,), s["ln1.weight"], s["ln1.bias"]), mask, s, "attn.", init__n_heads)
    h = F.layer_norm(x, (d,), s["ln2.weight"], s["ln2.bias"])
    return x + F.linear(
        F.gelu(F.linear(h, s["ff.0.weight"], s["ff.0.bias"])), s["ff.2.weight"], s["ff.2.bias"]
    )


def lstm_layer(*arrays, __names__, __inputs__, init__input_size, init__hidden_size, **_):
    (x,), s = _split(arrays, __names__, __inputs__)
    lstm = torch.nn.LSTM(init__input_size, init__hidden_size, batch_first=True)
    out, (h, c) = torch.func.functional_call(lstm, {f"{k}_l0": v for k, v in s.items()}, (x,))
    return out, h, c


def vae(*arrays, __names__, __inputs__, **_):
    """torch.distributions' KL and the library's cross-entropy, on F.linear layers."""
    (x, eps), s = _split(arrays, __names__, __inputs__)
    layer = lambda t, name: F.linear(t, s[f"{name}.weight"], s[f"{name}.bias"])  # noqa: E731
    h = F.relu(layer(x, "enc"))
    mu, logvar = layer(h, "enc_mu"), layer(h, "enc_logvar")
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    z = q.loc + q.scale * eps  # what q.rsample() computes, with the tutor's noise
    logits = layer(F.relu(layer(z, "dec")), "dec_out")
    prior = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = torch.distributions.kl_divergence(q, prior).sum(dim=1)
    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
    return logits, mu, logvar, (reconstruction + kl).mean()


MODULE_TWINS = {
    "code.mlp_module": mlp,
    "code.residual_block": basic_block,
    "code.multi_head_attention": multi_head_attention,
    "code.transformer_block": transformer_block,
    "code.lstm_layer": lstm_layer,
    "code.vae": vae,
}
