"""The language-models topic, recomputed: BPE by a small trainer, architecture
figures by building the modules in PyTorch, perplexity, temperature, top-p,
beam search and the KV cache by computation, not by the bank's formulas.

Every numeric, shape and symbolic answer of the bank is drawn for several
seeds and compared with an independent computation; the choice questions whose
answer is a computed fact (first merge, a split, beam against greedy) are
checked the same way; the lesson's worked examples are recomputed and must
appear in the lesson; and every lesson section is taught by a question.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import pytest
import sympy as sp
import torch
import torch.nn as nn
import torch.nn.functional as F

from dltutor.kinds import derivative
from dltutor.kinds.base import as_text
from dltutor.kinds.symbolic import variables as declared
from dltutor.mathexpr import parse

from bank_access import (BOOKS, assert_checked, bank_questions, called_ids, close, dims, n_params,
                         number, shows, variants)

TOPIC = "language-models"
META = torch.device("meta")
F64 = torch.float64


def t64(*values: float) -> torch.Tensor:
    return torch.tensor(values, dtype=F64)


def at(expr: sp.Expr, point: dict[str, float]) -> float:
    return float(expr.subs({s: point[s.name] for s in expr.free_symbols}).evalf(30))


def chosen(question_id: str) -> list[str]:
    """The text of the reference answer's choices."""
    question = BOOKS.question(question_id)
    letters = question.answer if isinstance(question.answer, list) else [question.answer]
    return [question.extra["choices"][ord(letter) - ord("a")] for letter in letters]


# byte-pair encoding -----------------------------------------------------------

Word = tuple[str, ...]


def pair_counts(corpus: dict[Word, int]) -> Counter:
    counts: Counter = Counter()
    for word, count in corpus.items():
        for pair in zip(word, word[1:]):
            counts[pair] += count
    return counts


def apply_merge(word: Word, pair: tuple[str, str]) -> Word:
    out, i = [], 0
    while i < len(word):
        if word[i:i + 2] == pair:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def train_bpe(words: dict[str, int], merges: int) -> tuple[list[tuple[str, str]], list[int], list[int]]:
    """The learned merges, each one's pair count, and the corpus size in tokens after each."""
    corpus = {tuple(w): c for w, c in words.items()}
    learned, counts, sizes = [], [], [sum(len(w) * c for w, c in corpus.items())]
    for _ in range(merges):
        (pair, count), = pair_counts(corpus).most_common(1)
        learned.append(pair)
        counts.append(count)
        corpus = {apply_merge(w, pair): c for w, c in corpus.items()}
        sizes.append(sum(len(w) * c for w, c in corpus.items()))
    return learned, counts, sizes


def encode(word: str, merges: list[tuple[str, str]]) -> Word:
    pieces: Word = tuple(word)
    for pair in merges:
        pieces = apply_merge(pieces, pair)
    return pieces


LESSON_CORPUS = {"cat": 4, "cats": 2, "at": 3, "hat": 5}


def test_bpe_first_merge():
    (merge,), (count,), _ = train_bpe({"run": 6, "runs": 2, "sun": 5, "fun": 3}, 1)
    assert chosen("lm.bpe-first-merge") == [" ".join(merge)]
    assert f"{count}" in BOOKS.question("lm.bpe-first-merge").explanation


def test_bpe_tokens_after_merge():
    for v in variants("lm.bpe-tokens-after-merge"):
        k = v.values
        (merge,), _, sizes = train_bpe({"cat": k["a"], "cats": k["b"], "hat": k["c"]}, 1)
        assert merge == ("a", "t")
        assert sizes[1] == number(v)


def test_bpe_vocab_size():
    for v in variants("lm.bpe-vocab-size"):
        # every merge glues two existing symbols into one new one
        base = {bytes([b]) for b in range(256)}
        merged = {b"m%d" % i for i in range(v.values["m"])}
        special = {b"<special %d>" % i for i in range(v.values["s"])}
        assert len(base | merged | special) == number(v)
    learned, _, _ = train_bpe(LESSON_CORPUS, 3)
    alphabet = set("".join(LESSON_CORPUS))
    assert len(alphabet | {a + b for a, b in learned}) == len(alphabet) + 3


def test_bpe_encode():
    learned, _, _ = train_bpe(LESSON_CORPUS, 3)
    assert learned == [("a", "t"), ("c", "at"), ("h", "at")]  # the merges the question names
    assert chosen("lm.bpe-encode") == [" · ".join(encode("that", learned))]


def test_bpe_lesson_example():
    learned, counts, sizes = train_bpe(LESSON_CORPUS, 3)
    shows(TOPIC, f"{sizes[0]} characters in all", f"by {counts[0]} tokens to {sizes[1]}",
          f"27 − {counts[1]} = {sizes[2]}", f"`hat`; {sizes[3]} tokens",
          f"5 + 3 = {len(set(''.join(LESSON_CORPUS))) + len(learned)} symbols",
          "c `" + "` s".join(encode("chats", learned)[1:2]) + "` s: three tokens")
    assert len(encode("chats", learned)) == 3
    assert pair_counts({tuple(w): c for w, c in LESSON_CORPUS.items()})[("a", "t")] == 14


# embeddings and the head ------------------------------------------------------

class TinyLM(nn.Module):
    """A decoder-only language model: embeddings, pre-norm blocks, a tied head."""

    def __init__(self, vocab: int, d: int, positions: int, layers: int, heads: int,
                 tied: bool = True) -> None:
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(positions, d)
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(d, heads, 4 * d, batch_first=True, norm_first=True,
                                       activation="gelu") for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)
        if tied:
            self.head.weight = self.tok.weight

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        length = ids.shape[1]
        x = self.tok(ids) + self.pos(torch.arange(length, device=ids.device))
        mask = nn.Transformer.generate_square_subsequent_mask(length, device=ids.device)
        for block in self.blocks:
            x = block(x, src_mask=mask, is_causal=True)
        return self.head(self.ln_f(x))


def on_meta(make, *args, **kwargs) -> nn.Module:
    """Build a module with its parameters on the meta device: shapes without memory."""
    with META:
        return make(*args, **kwargs)


def test_embedding_params():
    for v in variants("lm.embedding-params"):
        assert n_params(nn.Embedding(v.values["V"], v.values["d"], device=META)) == number(v)


def test_tied_params():
    for v in variants("lm.tied-params"):
        k = v.values
        model = on_meta(TinyLM, k["V"], k["d"], k["P"], layers=0, heads=1)
        assert model.head.weight is model.tok.weight
        assert n_params(model) - n_params(model.ln_f) == number(v)


def test_logits_shape():
    for v in variants("lm.logits-shape", seeds=range(8)):
        k = v.values
        model = on_meta(TinyLM, k["V"], k["d"], k["L"], layers=1, heads=4)
        ids = torch.zeros(k["N"], k["L"], dtype=torch.long, device=META)
        assert model(ids).shape == dims(v)


def test_gpt2_small_lesson_example():
    model = on_meta(TinyLM, 50257, 768, 1024, layers=12, heads=12)
    untied = on_meta(TinyLM, 50257, 768, 1024, layers=12, heads=12, tied=False)
    layer = n_params(model.blocks[0])
    assert layer == 12 * 768 ** 2 + 13 * 768
    shows(TOPIC, f"50,257 · 768 = {n_params(model.tok):,} parameters",
          f"1,024 · 768 = {n_params(model.pos):,}", f"12d² + 13d = {layer:,}",
          f"twelve of them {12 * layer:,}", f"a final LayerNorm {n_params(model.ln_f):,}",
          f"With the head tied: {n_params(model):,} parameters",
          f"add another {n_params(untied) - n_params(model):,}")
    assert n_params(model) == 124_439_808  # GPT-2 small as published
    assert 0.3 < (n_params(untied) - n_params(model)) / n_params(model) < 1 / 3


# the decoder block ------------------------------------------------------------

def causal_weights(length: int) -> torch.Tensor:
    torch.manual_seed(length)
    q, k = torch.randn(length, 8, dtype=F64), torch.randn(length, 8, dtype=F64)
    mask = nn.Transformer.generate_square_subsequent_mask(length, dtype=F64)
    return torch.softmax(q @ k.T / math.sqrt(8) + mask, dim=-1)


def test_causal_pairs():
    for v in variants("lm.causal-pairs"):
        assert int((causal_weights(v.values["L"]) > 0).sum()) == number(v)
    shows(TOPIC, f"That is L(L + 1)/2 = {int((causal_weights(4) > 0).sum())} of the 16 pairs")


def test_decoder_layer_params():
    for v in variants("lm.decoder-layer-params"):
        k = v.values
        layer = nn.TransformerDecoderLayer(k["d"], k["h"], dim_feedforward=k["f"], device=META)
        assert n_params(layer) == number(v)


def test_cross_attention_shape():
    for v in variants("lm.cross-attn-shape"):
        k = v.values
        mha = nn.MultiheadAttention(k["d"], 8, batch_first=True, device=META)
        memory = torch.empty(k["N"], k["S"], k["d"], device=META)
        _, weights = mha(torch.empty(k["N"], k["T"], k["d"], device=META), memory, memory)
        assert weights.shape == dims(v)


def test_decoder_lesson_example():
    layer = nn.TransformerDecoderLayer(512, 8, dim_feedforward=2048, device=META)
    attention = n_params(layer.self_attn) + n_params(layer.multihead_attn)
    ffn = n_params(layer.linear1) + n_params(layer.linear2)
    norms = n_params(layer.norm1) + n_params(layer.norm2) + n_params(layer.norm3)
    encoder = nn.TransformerEncoderLayer(512, 8, dim_feedforward=2048, device=META)
    shows(TOPIC, f"2 · 1,050,624 = {attention:,}", f"FFN: {ffn:,}", f"6 · 512 = {norms:,}",
          f"total {n_params(layer):,}", f"encoder layer's {n_params(encoder):,}")
    shows(TOPIC, f"{n_params(nn.Transformer(batch_first=True, device=META)):,} parameters before any embeddings")


# teacher forcing ------------------------------------------------------------

def test_cross_entropy_flatten_shape():
    for v in variants("lm.ce-flatten-shape"):
        k = v.values
        logits = torch.empty(k["N"], k["L"], k["V"], device=META)
        assert logits.reshape(-1, k["V"]).shape == dims(v)


def test_teacher_forcing_lesson_example():
    target = ["le", "chat", "dort", "<eos>"]
    decoder_input, labels = ["<bos>"] + target[:-1], target
    shows(TOPIC, "decoder input: `" + " ".join(decoder_input) + "`",
          "labels: `" + " ".join(labels) + "`")
    logits = torch.zeros(2, len(target), 1000)
    flat = logits.reshape(-1, 1000)
    loss = F.cross_entropy(flat, torch.zeros(flat.shape[0], dtype=torch.long))
    assert loss == F.cross_entropy(logits.transpose(1, 2), torch.zeros(2, 4, dtype=torch.long))
    shows(TOPIC, f"logits are {tuple(logits.shape)}, flattened to {tuple(flat.shape)} against "
          f"labels ({flat.shape[0]},)")


# perplexity -------------------------------------------------------------------

def perplexity(probabilities: list[float]) -> float:
    """exp of the mean cross-entropy of two-class logits whose class 0 has these probabilities."""
    p = t64(*probabilities)
    logits = torch.stack([p.log(), (1 - p).log()], dim=1)
    return F.cross_entropy(logits, torch.zeros(len(probabilities), dtype=torch.long)).exp().item()


def test_perplexity_value():
    for v in variants("lm.perplexity-value"):
        k = v.values
        close(number(v), perplexity([k["p1"], k["p2"], k["p3"], k["p4"]]))


def test_perplexity_uniform():
    for v in variants("lm.perplexity-uniform"):
        logits = torch.zeros(5, v.values["k"], dtype=F64)  # five steps, k equal logits
        ppl = F.cross_entropy(logits, torch.arange(5) % v.values["k"]).exp().item()
        close(number(v), ppl)


def test_perplexity_two_tokens_expression():
    (v,) = variants("lm.perplexity-two-tokens")
    expr = parse(as_text(v.answer), declared(v))
    rng = random.Random(0)
    for _ in range(8):
        p, q = rng.uniform(0.01, 0.99), rng.uniform(0.01, 0.99)
        close(at(expr, {"p": p, "q": q}), perplexity([p, q]))


def test_perplexity_lesson_example():
    ppl = perplexity([1 / 2, 1 / 4, 1 / 8, 1 / 2])
    shows(TOPIC, f"mean 1.75 ln 2 ≈ {math.log(ppl):.4f} nats",
          f"PPL = e^{math.log(ppl):.4f} = 2^1.75 ≈ {ppl:.4f}", f"e^0.1 ≈ {math.exp(0.1):.3f}")
    assert ppl == pytest.approx(2 ** 1.75, rel=1e-12)


# decoding ---------------------------------------------------------------------

def test_temperature_prob():
    for v in variants("lm.temperature-prob"):
        k = v.values
        close(number(v), torch.softmax(t64(k["a"], k["b"], 0) / k["T"], 0)[0].item())


def test_temperature_gradient_matches_autograd():
    (v,) = variants("lm.temperature-gradient")
    reference = derivative.reference_expr(v)
    rng = random.Random(0)
    for _ in range(8):
        point = {"a": rng.uniform(-3, 3), "b": rng.uniform(-3, 3), "T": rng.uniform(0.2, 4)}
        a = torch.tensor(point["a"], dtype=F64, requires_grad=True)
        torch.log_softmax(torch.stack([a, t64(point["b"])[0]]) / point["T"], 0)[0].backward()
        close(at(reference, point), a.grad.item())


def top_p_keep(probs: torch.Tensor, p: float) -> int:
    """Tokens kept by nucleus sampling: those whose preceding cumulative mass is below p."""
    sorted_probs = probs.sort(descending=True).values
    before = sorted_probs.cumsum(0) - sorted_probs
    return int((before < p).sum())


def test_top_p_size():
    halving = 0.5 ** torch.arange(1, 60, dtype=F64)
    for v in variants("lm.top-p-size"):
        assert top_p_keep(halving, v.values["p"]) == number(v)


def sample_filters(logits: torch.Tensor, k: int | None = None, p: float | None = None) -> torch.Tensor:
    probs = torch.softmax(logits, 0)
    keep = torch.zeros_like(probs, dtype=torch.bool)
    order = probs.argsort(descending=True)
    count = k if k is not None else top_p_keep(probs, p)
    keep[order[:count]] = True
    kept = torch.where(keep, probs, torch.zeros_like(probs))
    return kept / kept.sum()


def test_decoding_lesson_example():
    z = t64(2, 1, 0, -1)
    fmt = lambda t: "(" + ", ".join(f"{x:.4f}" for x in t.tolist()) + ")"
    shows(TOPIC, f"T = 1: p ≈ {fmt(torch.softmax(z, 0))}",
          f"T = 0.5: p ≈ {fmt(torch.softmax(z / 0.5, 0))}",
          f"T = 2: p ≈ {fmt(torch.softmax(z / 2, 0))}")
    top_k = sample_filters(z, k=2)
    top_p = sample_filters(z, p=0.9)
    two = torch.softmax(z, 0)[:2].sum().item()
    shows(TOPIC, "k = 2 at T = 1: ({:.4f}, {:.4f}, 0, 0)".format(*top_k[:2].tolist()),
          f"the top two reach only {two:.4f}",
          "three tokens stay: ({:.4f}, {:.4f}, {:.4f}, 0)".format(*top_p[:3].tolist()))
    assert int((top_p > 0).sum()) == 3


def greedy(first: dict[str, float], second: dict[str, dict[str, float]]) -> tuple[str, float]:
    a = max(first, key=first.get)
    b = max(second[a], key=second[a].get)
    return a + b, first[a] * second[a][b]


def beam(first: dict[str, float], second: dict[str, dict[str, float]], width: int
         ) -> tuple[str, float, dict[str, float]]:
    prefixes = sorted(first, key=lambda t: math.log(first[t]), reverse=True)[:width]
    scores = {a + b: math.log(first[a]) + math.log(second[a][b]) for a in prefixes for b in second[a]}
    best = max(scores, key=scores.get)
    return best, math.exp(scores[best]), {s: math.exp(x) for s, x in scores.items()}


def test_beam_against_greedy_question():
    first = {"X": 0.6, "Y": 0.3, "Z": 0.1}
    second = {"X": {"X": 0.3, "Y": 0.3, "Z": 0.4}, "Y": {"X": 0.9, "Y": 0.05, "Z": 0.05},
              "Z": {"X": 1 / 3, "Y": 1 / 3, "Z": 1 / 3}}
    g, gp = greedy(first, second)
    b, bp, _ = beam(first, second, 2)
    assert chosen("lm.beam-vs-greedy") == [f"greedy {g} ({gp:.2f}), beam {b} ({bp:.2f})"]


def test_beam_lesson_example():
    first = {"A": 0.5, "B": 0.4, "C": 0.1}
    second = {"A": {"A": 0.4, "B": 0.3, "C": 0.3}, "B": {"A": 0.9, "B": 0.05, "C": 0.05},
              "C": {"A": 1 / 3, "B": 1 / 3, "C": 1 / 3}}
    g, gp = greedy(first, second)
    b, bp, scores = beam(first, second, 2)
    shows(TOPIC, f"Greedy takes A, then A: probability 0.5 · 0.4 = {gp:.2f}",
          ", ".join(f"{s} {scores[s]:.2f}" for s in ["AA", "AB", "AC", "BA", "BB", "BC"]),
          f"Its best, {b}, has {bp:.2f}")
    assert g == "AA" and 1.5 < bp / gp < 2


# the KV cache -----------------------------------------------------------------

def kv_cache(layers: int, batch: int, heads: int, length: int, head_dim: int) -> list[torch.Tensor]:
    """Every layer's key and value caches, as fp16 tensors on the meta device."""
    shape = (batch, heads, length, head_dim)
    return [torch.empty(shape, dtype=torch.float16, device=META) for _ in range(2 * layers)]


def cache_bytes(cache: list[torch.Tensor]) -> int:
    return sum(t.numel() * t.element_size() for t in cache)


def test_kv_cache_mib():
    for v in variants("lm.kv-cache-mib"):
        k = v.values
        size = cache_bytes(kv_cache(k["n"], k["N"], 8, k["L"], k["d"] // 8))
        assert size % 2 ** 20 == 0
        assert size // 2 ** 20 == number(v)


def test_kv_cache_shape():
    for v in variants("lm.kv-cache-shape"):
        k = v.values
        keys = torch.empty(k["N"], k["h"], k["P"], k["d"] // k["h"], device=META)  # the prompt
        for _ in range(k["g"]):
            keys = torch.cat([keys, torch.empty(k["N"], k["h"], 1, k["d"] // k["h"], device=META)], 2)
        assert keys.shape == dims(v)


def test_cached_decoding_equals_the_full_causal_pass():
    """The lesson's claim: keys and values of the past never change, so a cache is exact."""
    torch.manual_seed(0)
    d, heads, length = 16, 4, 7
    mha = nn.MultiheadAttention(d, heads, batch_first=True).double().eval()
    x = torch.randn(1, length, d, dtype=F64)
    mask = nn.Transformer.generate_square_subsequent_mask(length, dtype=F64)
    full, _ = mha(x, x, x, attn_mask=mask)
    w_q, w_k, w_v = mha.in_proj_weight.chunk(3)
    b_q, b_k, b_v = mha.in_proj_bias.chunk(3)
    split = lambda t: t.reshape(1, -1, heads, d // heads).transpose(1, 2)
    keys = values = None
    for t in range(length):
        new = x[:, t:t + 1]
        k_t, v_t = split(F.linear(new, w_k, b_k)), split(F.linear(new, w_v, b_v))
        keys = k_t if keys is None else torch.cat([keys, k_t], 2)
        values = v_t if values is None else torch.cat([values, v_t], 2)
        out = F.scaled_dot_product_attention(split(F.linear(new, w_q, b_q)), keys, values)
        out = mha.out_proj(out.transpose(1, 2).reshape(1, 1, d))
        assert torch.allclose(out[0, 0], full[0, t], atol=1e-12)
    assert keys.shape == (1, heads, length, d // heads)


def test_kv_cache_lesson_example():
    cache = kv_cache(12, 1, 12, 1024, 64)
    per_token = cache_bytes(kv_cache(12, 1, 12, 1, 64))
    weights = n_params(on_meta(TinyLM, 50257, 768, 1024, layers=12, heads=12)) * 2
    batch = cache_bytes(kv_cache(12, 32, 12, 1024, 64))
    shows(TOPIC, f"2 · 12 · 768 = {per_token // 2:,} numbers, {per_token:,} bytes",
          f"for 1,024 tokens {cache_bytes(cache):,} bytes = {cache_bytes(cache) // 2 ** 20} MiB",
          f"each layer's K is {tuple(cache[0].shape)}",
          f"needs {batch // 2 ** 20:,} MiB of cache", f"the {round(weights / 2 ** 20)} MiB")
    assert 4 < batch / weights < 5


# coverage -----------------------------------------------------------------------

def test_every_computable_answer_is_covered():
    covered = called_ids(__file__, "variants")
    checked_kinds = ("numeric", "shape", "expression", "matrix", "derivative")
    assert_checked(covered, bank_questions(TOPIC), lambda q: q.kind in checked_kinds,
                   missing_says="without an independent check")


def test_every_section_is_taught_by_a_question():
    titles = [s.title for s in BOOKS.lesson(TOPIC).sections]
    taught = Counter(q.section for q in bank_questions(TOPIC))
    assert set(taught) <= set(titles)
    assert all(taught[title] for title in titles), [t for t in titles if not taught[t]]


def test_bank_meets_the_new_topic_bar():
    questions = bank_questions(TOPIC)
    assert len(questions) >= 14 and len({q.kind for q in questions}) >= 4
    assert 3 * sum(q.parametrised for q in questions) >= len(questions)
    assert {q.kind for q in questions} & {"expression", "derivative", "matrix"}
    assert all(q.id.startswith("lm.") for q in questions)
    rounding = re.compile(r"\bdecimals?\b|significant", re.IGNORECASE)
    assert not [q.id for q in questions if rounding.search(q.prompt)]  # precision is declared
