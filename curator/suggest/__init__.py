"""Suggestions (issue 18): labels offered on text nobody has annotated yet, never part of anyone's data
until a curator accepts one. Qt-free.

Three sources, one shape (:class:`curator.suggest.model.Suggestion`):

- **learned** from the annotator's own spans and the gold layer: every other occurrence of an
  annotated name (matched by :mod:`curator.text.names`), scored by the share of each label among the
  spans of that name (:mod:`curator.suggest.shares`);
- **gazetteers** imported with ``curator gazetteer import`` (:mod:`curator.suggest.gazetteer`);
- **models' predictions** imported with ``curator import --as-suggestions``
  (:mod:`curator.suggest.predictions`).

:class:`curator.suggest.engine.Suggester` puts them together for one document;
:mod:`curator.suggest.decisions` accepts (an ordinary span edit) and rejects (remembered per
annotator); :mod:`curator.suggest.evaluation` measures the learned ones document by document.
"""
