from gdnn_cli.cli import main

main()
