import torch


def clip_grad_norm(grads, max_norm):
    """Clip a list of gradients by their global norm, as
    torch.nn.utils.clip_grad_norm_ does.

    You may scale the tensors in place and return them (as clip_grad_norm_
    does) or return new ones.

    The total norm is the 2-norm of all the entries of all the tensors
    together. If it exceeds max_norm, every tensor is scaled by
    max_norm / (total_norm + 1e-6); otherwise they are returned unchanged.
    grads: a list of float tensors of any shapes; max_norm: a float.
    Returns the list of clipped tensors, in order.
    Not allowed: torch.nn.utils.clip_grad_norm_, torch.nn.utils.clip_grad_norm.
    """
    raise NotImplementedError("write clip_grad_norm")
