"""Typer sub-applications of the `advisor` command, one module per command group."""
