"""The edges: reading and writing JSON, JSONL and TOML files. Nothing in the core imports this."""
