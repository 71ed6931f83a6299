"""Score the trained model's labels for the tutor's test points."""

import numpy as np

NEEDED = 0.95


def check(case, outputs):
    (predicted,), (labels,) = outputs, case.held
    accuracy = float(np.mean(predicted == labels))
    if accuracy >= NEEDED:
        return None
    if len(np.unique(predicted)) == 1:
        return (f"your model gives class {int(predicted[0])} to every test point; it must output "
                "two scores per point (one per class), and the larger one is its answer",
                "one-class-only")
    return (f"your model labels {accuracy:.1%} of the {len(labels)} fresh test points right; "
            f"{NEEDED:.0%} is needed", "underfit")
