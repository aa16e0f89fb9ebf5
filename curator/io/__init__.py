"""Reading and writing corpus files: plain text, the JSONL interchange form, and dataset formats."""
