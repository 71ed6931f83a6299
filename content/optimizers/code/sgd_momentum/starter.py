import torch


def sgd_momentum_step(param, grad, buf, lr, momentum):
    """One step of SGD with momentum, as torch.optim.SGD does it
    (no dampening, no Nesterov, no weight decay).

    You may update param and buf in place and return them, as the optimiser
    does; grad must be left as it was, and the buffer must never be grad
    itself.

    buf is the momentum buffer: None on the first step, when it starts as a
    copy of grad; afterwards buf = momentum * buf + grad. Then
    param = param - lr * buf.
    param, grad, buf: float tensors of one shape (buf may be None);
    lr, momentum: floats. Returns the tuple (new param, new buf).
    Not allowed: torch.optim.SGD.
    """
    raise NotImplementedError("write sgd_momentum_step")
