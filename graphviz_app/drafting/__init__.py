"""Drafting interactions from an article, and measuring what curation cited.

``draft`` proposes the actors and interactions a curator would write for one article;
``coverage`` shows which sentences of each article are cited. Both are rule-based: a
lexicon of news-reporting verbs and phrases (``graphviz_app/lexicon.json``), actor names
matched exactly or by near-miss spelling, and a clause-level choice of who acts on whom.
Nothing here downloads a model. Importing the package is cheap: ``review`` is what
``validate`` needs, and the rest is imported only by the commands that use it.
"""
