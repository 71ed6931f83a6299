"""Moved to dltutor.codecheck.backward (kept a while for old imports)."""

from dltutor.codecheck.backward import DEFAULT_SHAPE, MAX_ELEMENTS, Target, locate, make_inputs  # noqa: F401
