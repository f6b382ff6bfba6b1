"""Moving entries in and out of the journal as files (no Qt)."""
