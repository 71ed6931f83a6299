import torch


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step, as torch.optim.Adam does it (no weight decay, no amsgrad).

    You may update param, m and v in place and return them, as the optimiser
    does; grad must be left as it was. Steps 1 to 1000 and gradients down to
    1e-6 and exact zeros are tested.

    m = beta1 * m + (1 - beta1) * grad;  v = beta2 * v + (1 - beta2) * grad^2
    m_hat = m / (1 - beta1^t);  v_hat = v / (1 - beta2^t)
    param = param - lr * m_hat / (sqrt(v_hat) + eps)
    param, grad, m, v: float tensors of one shape; t: the step number, from 1.
    Returns the tuple (new param, new m, new v).
    Not allowed: torch.optim.Adam, torch.optim.AdamW.
    """
    raise NotImplementedError("write adam_step")
