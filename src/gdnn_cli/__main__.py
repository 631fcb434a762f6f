"""`python -m gdnn_cli`: the same program as the `gdnn` command."""

from gdnn_cli.cli import main

main()
