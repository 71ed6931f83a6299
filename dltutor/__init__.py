"""dltutor: a command-line tutor for the math and architectures of deep learning."""

__version__ = "0.1.0"
