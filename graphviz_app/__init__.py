"""graphviz-app: evidence-backed interactive networks from curated news interactions.

The data flows one way: load (``loader``) -> check (``checks``) -> graph (``graph``) ->
render (``render``) or export (``export``). Importing the package imports nothing heavy:
``load`` and ``Project`` (see ``api``) are imported the first time they are used.

    >>> import graphviz_app
    >>> project = graphviz_app.load("data/network.yaml")
"""

__version__ = "0.1.0"

_API = ("load", "Project", "ProjectError", "export_formats")

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    # PEP 562: the API module (and pydantic with it) loads only when someone asks for it
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
