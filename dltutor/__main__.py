from dltutor.cli.app import main

main()
