"""The command line: ``app`` holds the shared options and the error boundary; one command module per room
registers that room's commands on it (see docs/architecture.md). Only ``main``, the entry point, is
exported here: the Typer object lives at ``gdnn_cli.cli.app.app``."""

from gdnn_cli.cli.app import main

__all__ = ["main"]
