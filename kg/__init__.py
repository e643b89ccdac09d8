"""kg: turn news articles into an event knowledge graph.

The pipeline, one module per stage: :mod:`kg.ingest` → :mod:`kg.extract` → :mod:`kg.resolve`
→ :mod:`kg.rdf` / :mod:`kg.store` → :mod:`kg.graph` → :mod:`kg.view`. Heavy imports happen
inside the functions that need them, so ``import kg`` is quick.
"""

import logging

__version__ = "0.1.0"

# A library logs; the application (the kg CLI, a notebook) decides what is shown.
logging.getLogger("kg").addHandler(logging.NullHandler())
