"""Checking a learner's code against a trusted reference (the `code` kind).

    spec.py      the exercise as the YAML declares it, files resolved
    inputs.py    test cases: declared in YAML or made by a trusted generator; secret seeds
    battery.py   the edge battery added to every exercise's own cases
    probe.py     the call adapter; mutation, aliasing and reuse judged from data
    trusted.py   running bank code (reference, wrong solutions) in the tutor
    prepare.py   the calls for the sandbox and the expected results
    expected.py  those results: from the cache, or from trusted code
    cache.py     results on disk (.npz + JSON, never pickle); cachekey.py their key
    compare.py   arrays against arrays: dtype, shape, values, gradients
    verdicts.py  a RunResult -> a Verdict with the first failing case
    runner.py    the sandbox started first, references meanwhile; reuse in a quiz
    batch.py     `bank validate`: the reference and wrong files of an exercise in one sandbox
    forms/       the forms beyond a function: nn.Module answers, training runs

The learner's code only ever runs in the sandbox (dltutor.sandbox); the tutor
chooses the inputs, computes the reference and compares.
"""
