"""Benchmarks and research harnesses of kennismaker; not installed (run from the repository root).

``python -m bench.run`` measures the pipeline on generated demo corpora; ``python -m bench.embedding``
compares the embedding stage with plain sentence-transformers. Results go to ``bench/results/``
(git-ignored) and are written up by hand in ``docs/benchmarks.md``.

The research harnesses score or fit on datasets, outside the product: ``python -m bench.irc_replies``
(reply reconstruction on the IRC logs: evaluate, ``cv``, ``heldout``, ``train``), ``bench.conversation_eval``
(conversation ARI against time-gap baselines), ``bench.irc_dataset`` (our IRC labels' held-out files as
a dataset for ``kennismaker eval --dataset``) and ``bench.topics_demo`` (topic quality on the demo
organisation). Their figures are in docs/answer-linking.md, docs/classification.md and docs/topics.md.
"""
