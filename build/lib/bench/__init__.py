"""Benchmarks of kennismaker: speed and peak memory per stage, the nightly run, the embedder.

``python -m bench.run`` measures the pipeline on generated demo corpora; ``python -m bench.embedding``
compares the embedding stage with plain sentence-transformers. Results go to ``bench/results/``
(git-ignored) and are written up by hand in ``docs/benchmarks.md``.
"""
