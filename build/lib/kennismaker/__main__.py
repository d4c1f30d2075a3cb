"""``python -m kennismaker``: the same commands as the ``kennismaker`` script."""

from kennismaker.cli import main

main()
