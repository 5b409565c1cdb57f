"""drafter: the model writes, drafter guarantees the figures."""

__version__ = "0.1.0"
