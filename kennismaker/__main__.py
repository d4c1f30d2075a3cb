"""``python -m kennismaker``: the same command line as the ``kennismaker`` script."""

from kennismaker.pipelines.app import main  # the entry point only: nothing in the floor imports this module

main()
