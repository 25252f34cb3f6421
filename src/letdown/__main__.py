"""``python -m letdown`` runs the command line."""

from letdown.cli import main

if __name__ == "__main__":
    main()
