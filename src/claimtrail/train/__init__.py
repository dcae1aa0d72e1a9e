"""Training commands: each writes a data file shipped in the package, reproducibly."""
