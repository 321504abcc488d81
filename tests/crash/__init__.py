"""Crash safety: child processes killed with SIGKILL in the middle of writes, then restarted."""
