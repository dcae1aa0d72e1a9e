"""Versioned rule and lexicon files; read them with :mod:`claimtrail.resources`."""
