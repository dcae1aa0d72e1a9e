"""Evaluation against annotated corpora (read from a path given by the user; never bundled)."""
