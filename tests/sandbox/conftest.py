"""Fixtures of the sandbox tests.

Each check costs a torch import (~1.5 s) in a fresh child, so `boxes` keeps one
WarmSandbox per mode warming up while the previous test runs: a test takes a
ready child and the next one starts behind it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dltutor.sandbox import Call, Limits, RunResult, WarmSandbox
from tests.sandbox.helpers import TEST_LIMITS


class Boxes:
    def __init__(self) -> None:
        self.spare: dict[str, WarmSandbox] = {}

    def take(self, mode: str, limits: Limits | None = None) -> WarmSandbox:
        if limits is not None and limits != TEST_LIMITS:
            return WarmSandbox(limits, isolation_mode=mode, prewarm=False)
        box = self.spare.pop(mode, None) or self._new(mode)
        self.spare[mode] = self._new(mode)
        return box

    @staticmethod
    def _new(mode: str) -> WarmSandbox:
        # no autograd pre-warming: on 2 cores it would slow the whole suite
        return WarmSandbox(TEST_LIMITS, isolation_mode=mode, prewarm=False)

    def close(self) -> None:
        for box in self.spare.values():
            box.close()


@pytest.fixture(scope="session")
def boxes() -> Iterator[Boxes]:
    pool = Boxes()
    yield pool
    pool.close()


@pytest.fixture
def run(boxes: Boxes):
    """run(mode, source, calls, forbidden=..., limits=...) -> RunResult."""

    def go(
        mode: str,
        source: str,
        calls: list[Call],
        *,
        forbidden: list[str] = (),
        limits: Limits | None = None,
        forbidden_ops: dict[str, str] | None = None,
    ) -> RunResult:
        with boxes.take(mode, limits) as box:
            # its own start window, which a busy machine extends while the child works
            assert box.wait_ready(), "the sandbox did not start"
            return box.run(source, calls, forbidden=forbidden, forbidden_ops=forbidden_ops)

    return go
