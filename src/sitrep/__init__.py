"""sitrep: structured, checkable intelligence from conflict and crisis news."""

from importlib.metadata import version as _version

from sitrep.analyzer import Analyzer, analyze
from sitrep.store import Store
from sitrep.workers import WorkerPool

__version__ = _version("sitrep")

__all__ = ["Analyzer", "Store", "WorkerPool", "__version__", "analyze"]
