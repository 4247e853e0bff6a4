"""Tests of the ledger_writer node."""
