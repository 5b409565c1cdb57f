"""What people give and get: the facts file, drafts, and every file drafter writes (atomically, never over an
input, one run at a time)."""
