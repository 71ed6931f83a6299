"""Every code check of these tests draws its inputs from a named seed (a
learner's check draws a secret one; see codecheck/inputs.draw_seed), so a
verdict never depends on the inputs a run happened to draw."""

from __future__ import annotations

import pytest

NAMED_SEED = 1


@pytest.fixture(autouse=True)
def named_seed(monkeypatch: pytest.MonkeyPatch) -> int:
    from dltutor.codecheck import inputs

    monkeypatch.setattr(inputs, "SEED_OVERRIDE", NAMED_SEED)
    return NAMED_SEED
