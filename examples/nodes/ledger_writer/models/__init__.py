"""Models of the ledger_writer node."""

from .model_ledger_writer_input import ModelLedgerWriterInput
from .model_ledger_writer_output import ModelLedgerWriterOutput

__all__ = ["ModelLedgerWriterInput", "ModelLedgerWriterOutput"]
