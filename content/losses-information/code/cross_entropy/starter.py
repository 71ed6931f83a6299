import torch


def cross_entropy(logits, target):
    """The mean cross-entropy of a batch: mean over n of -log softmax(logits[n])[target[n]].

    Stability is tested at logits of 1000, with rows of one batch that differ
    in magnitude by a factor of 1000. Leave the inputs as they were.

    logits: a float tensor (N, C) of unnormalised scores (they may be large);
    target: an int64 tensor (N,) of class indices in [0, C).
    Returns a 0-dimensional tensor with the dtype of logits.
    Not allowed: F.cross_entropy, F.nll_loss, nn.CrossEntropyLoss, nn.NLLLoss,
    and the log_softmax functions.
    """
    raise NotImplementedError("write cross_entropy")
