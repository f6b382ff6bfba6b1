"""The journal database: opening it, its schema and its queries (no Qt)."""
