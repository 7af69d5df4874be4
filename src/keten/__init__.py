"""Keten: one information system for the Dutch chain of partners against human trafficking."""

__version__ = "0.1.0"
