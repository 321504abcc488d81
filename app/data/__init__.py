"""Data files of the domain core (read with importlib.resources, never by path)."""
