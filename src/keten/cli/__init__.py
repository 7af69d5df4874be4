"""The ``keten`` command line: one module per command group, each a thin wrapper."""
