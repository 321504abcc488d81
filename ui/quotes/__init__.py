"""Quote screens: the builder, the approval queue, PDF export."""
