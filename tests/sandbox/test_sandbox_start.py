"""The start window: a child that is slow to start because the machine is busy
is waited for as long as it keeps working; a stuck one is given up at the end
of its window. (Under load, torch's import in a fresh child can take minutes.)"""

from __future__ import annotations

import os
import signal
import time

from dltutor.sandbox import WarmSandbox
from tests.sandbox.helpers import SOFTMAX_CALL, TEST_LIMITS, WEAK, passes_softmax

GOOD = (
    "import torch\ndef softmax(x, dim):\n"
    "    e = torch.exp(x - x.amax(dim, keepdim=True))\n    return e / e.sum(dim, keepdim=True)\n"
)


def test_a_start_longer_than_its_window_is_waited_for_while_the_child_works():
    # importing torch takes well over 0.2 s of CPU: the window grows with it
    with WarmSandbox(TEST_LIMITS, isolation_mode=WEAK, startup_seconds=0.2, prewarm=False) as box:
        assert box.wait_ready()
        assert passes_softmax(box.run(GOOD, [SOFTMAX_CALL]))


def test_a_child_that_stops_working_is_given_up_at_the_end_of_its_window():
    with WarmSandbox(TEST_LIMITS, isolation_mode=WEAK, startup_seconds=2, prewarm=False) as box:
        group = os.getpgid(box.pid)
        assert group != os.getpgrp()  # its own group: stopping it stops nothing of ours
        os.killpg(group, signal.SIGSTOP)
        started = time.monotonic()
        assert not box.wait_ready()
        assert time.monotonic() - started < 2 + 2 + 1  # the window, one look, one more second
