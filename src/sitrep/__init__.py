"""sitrep: structured, checkable intelligence from conflict and crisis news."""

from importlib.metadata import version as _version

from sitrep.analyzer import Analyzer, analyze
from sitrep.store import Store

__version__ = _version("sitrep")

__all__ = ["Analyzer", "Store", "__version__", "analyze"]
