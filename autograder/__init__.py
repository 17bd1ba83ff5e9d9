"""matgrade: the grading engine and the tools around it."""

__version__ = "0.1.0"
