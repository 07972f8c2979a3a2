"""Rashomon: one record per real conflict event, every claim traced to its source."""

__version__ = "0.1.0"
