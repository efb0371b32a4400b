"""Scorers for the gold formats in ../shared/eval, usable on any file of the same format."""
