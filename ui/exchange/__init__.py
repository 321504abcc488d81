"""Import wizard and export dialog (issue #5)."""
