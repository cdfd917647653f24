from eightk.interfaces.cli import main

main()
