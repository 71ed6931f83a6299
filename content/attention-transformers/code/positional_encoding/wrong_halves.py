import math

import torch


def positional_encoding(seq_len, d_model):
    position = torch.arange(seq_len, dtype=torch.float32).unsqueeze(1)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32)
    angle = position * torch.exp(-math.log(10000.0) * two_i / d_model)
    return torch.cat([torch.sin(angle), torch.cos(angle)], dim=1)  # halves, not interleaved
