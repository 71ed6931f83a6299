"""Checking a learner's code against a trusted reference (the `code` kind).

    spec.py      the exercise as the YAML declares it, files resolved
    inputs.py    test cases: declared in YAML or made by a trusted generator; secret seeds
    battery.py   the edge battery added to every exercise's own cases
    probe.py     the call adapter; mutation, aliasing and reuse judged from data
                 (function exercises on tensors or NumPy arrays, a module's forward)
    trusted.py   running bank code (reference, wrong solutions) in the tutor
    prepare.py   the calls for the sandbox and the expected results
    expected.py  those results: from the cache, or from trusted code
    cache.py     results on disk (.npz + JSON, never pickle); cachekey.py their key
    arrays.py    one array against another: dtype, shape, values
    gradients.py THE gradient comparison: shapes first, then values, the error named
    compare.py   a call's results against the reference's: outputs, then gradients
    verdicts.py  a RunResult -> a Verdict with the first failing case
    runner.py    the sandbox started first, references meanwhile; reuse in a quiz
    batch.py     `bank validate`: the reference and wrong files of an exercise in one sandbox
    forms/       the forms beyond a function: nn.Module answers, training runs
    backward.py  `check-gradient --code`: the target (a Function, or NAME_backward)
    fdcheck.py   ... its check: finite differences, compared by gradients.py

The learner's code only ever runs in the sandbox (dltutor.sandbox); the tutor
chooses the inputs, computes the reference and compares.
"""
