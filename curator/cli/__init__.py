"""The ``curator`` command."""
