"""graphviz-app: evidence-backed interactive networks from curated news interactions.

The data flows one way: load (``loader``) -> check (``checks``) -> graph (``graph``) ->
render (``render``) or export (``export``). Importing the package imports nothing heavy.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
