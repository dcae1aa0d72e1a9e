"""``python -m claimtrail`` is the ``claimtrail`` command."""

from .cli import main

main()
