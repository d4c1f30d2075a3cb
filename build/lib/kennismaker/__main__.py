"""``python -m kennismaker``: the same command line as the ``kennismaker`` script."""

from kennismaker.cli import main

main()
