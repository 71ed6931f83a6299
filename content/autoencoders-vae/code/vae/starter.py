import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    """x (B, d_in) -> enc -> ReLU -> (enc_mu, enc_logvar) -> z -> dec -> ReLU -> dec_out.

    Parameters (fixed names): enc Linear(d_in, d_hidden), enc_mu and
    enc_logvar Linear(d_hidden, d_latent), dec Linear(d_latent, d_hidden),
    dec_out Linear(d_hidden, d_in).
    """

    def __init__(self, d_in, d_hidden, d_latent):
        super().__init__()
        raise NotImplementedError("write VAE.__init__")

    def forward(self, x, eps):
        """x (B, d_in), eps (B, d_latent) the noise, given: no random draws here.
        Returns (logits (B, d_in), mu (B, d_latent), logvar (B, d_latent))."""
        raise NotImplementedError("write VAE.forward")


def vae_loss(logits, x, mu, logvar):
    """Bernoulli reconstruction (binary cross-entropy on the logits) plus the
    KL to N(0, I): each summed over the features of one example, then the
    mean over the batch. Returns a 0-d tensor."""
    raise NotImplementedError("write vae_loss")
