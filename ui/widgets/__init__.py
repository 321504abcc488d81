"""Screens and their controllers."""
