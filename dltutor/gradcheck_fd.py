"""Moved to dltutor.codecheck.fdcheck (kept a while for old imports)."""

from dltutor.codecheck.fdcheck import STEP, CodeCheck, run_check  # noqa: F401
