"""The code exercises of CURRICULUM.md by form and topic, with the
signatures people and scripts refer to (fixed: a rename breaks them)."""

from __future__ import annotations

FUNCTIONS = {  # forward functions, autograd allowed
    "activations": ["relu", "sigmoid"],
    "losses-information": ["softmax", "log_softmax", "cross_entropy", "mse_loss"],
    "linear-algebra": ["linear"],
    "regularization": ["layer_norm", "batch_norm", "dropout"],
    "convolution": ["conv2d", "max_pool2d"],
    "attention-transformers": ["attention", "positional_encoding"],
    "recurrent": ["rnn_cell", "lstm_cell", "gru_cell"],
    "optimizers": ["sgd_momentum", "adam"],
    "gradient-flow": ["clip_grad_norm"],
}
BY_HAND = {  # backpropagation by hand: autograd forbidden, compared with autograd's
    "calculus-backprop": ["linear_backward"],
    "losses-information": ["softmax_cross_entropy_backward", "sigmoid_bce_backward"],
    "regularization": ["layer_norm_backward", "batch_norm_backward"],
    "convolution": ["conv2d_backward", "max_pool2d_backward"],
    "attention-transformers": ["attention_backward"],
    "recurrent": ["rnn_bptt"],
    "feedforward": ["mlp_train_step"],
}
MODULES = {  # an nn.Module class, weights loaded by name
    "feedforward": ["mlp_module"],
    "cnn-architectures": ["residual_block"],
    "attention-transformers": ["multi_head_attention", "transformer_block"],
    "recurrent": ["lstm_layer"],
    "autoencoders-vae": ["vae"],
}
TRAINING = {  # the learner's code trains; the tutor judges the result
    "optimizers": ["train_loop"],
    "feedforward": ["fit_xor_by_hand", "fit_spirals"],
}
FORMS = [FUNCTIONS, BY_HAND, MODULES, TRAINING]


def ids(form: dict[str, list[str]]) -> list[str]:
    return [f"code.{name}" for names in form.values() for name in names]


def by_topic() -> dict[str, set[str]]:
    """Every code exercise each topic must hold, all forms together."""
    found: dict[str, set[str]] = {}
    for form in FORMS:
        for topic, names in form.items():
            found.setdefault(topic, set()).update(f"code.{n}" for n in names)
    return found


SIGNATURES = {
    "code.softmax": "softmax(x, dim=-1)",
    "code.attention": "scaled_dot_product_attention(q, k, v, mask=None)",
    "code.lstm_cell": "lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)",
    "code.adam": "adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)",
    "code.sgd_momentum": "sgd_momentum_step(param, grad, buf, lr, momentum)",
    "code.clip_grad_norm": "clip_grad_norm(grads, max_norm)",
    "code.linear_backward": "linear_backward(x, weight, grad_out)",
    "code.softmax_cross_entropy_backward": "softmax_cross_entropy_backward(logits, target)",
    "code.sigmoid_bce_backward": "sigmoid_bce_backward(logits, target)",
    "code.layer_norm_backward": "layer_norm_backward(x, weight, grad_out, eps=1e-5)",
    "code.batch_norm_backward": "batch_norm_backward(x, weight, grad_out, eps=1e-5)",
    "code.conv2d_backward": "conv2d_backward(x, weight, grad_out, stride=1, padding=0)",
    "code.max_pool2d_backward": "max_pool2d_backward(x, grad_out, kernel_size, stride=None)",
    "code.attention_backward": "attention_backward(q, k, v, grad_out)",
    "code.rnn_bptt": "rnn_bptt(xs, h0, w_ih, w_hh, b, grad_hs)",
    "code.mlp_train_step": "mlp_train_step(x, y, w1, b1, w2, b2, lr)",
    "code.mlp_module": 'MLP(sizes, activation="relu")',
    "code.residual_block": "BasicBlock(in_ch, out_ch, stride=1)",
    "code.multi_head_attention": "MultiHeadAttention(d_model, n_heads)",
    "code.transformer_block": "TransformerBlock(d_model, n_heads, d_ff)",
    "code.lstm_layer": "LSTMLayer(input_size, hidden_size)",
    "code.vae": "VAE(d_in, d_hidden, d_latent)",
    "code.train_loop": "train(model, xs, ys, lr, steps)",
    "code.fit_xor_by_hand": "fit_xor(x, y)",
    "code.fit_spirals": "fit_spirals(x, y)",
}
