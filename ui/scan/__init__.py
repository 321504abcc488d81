"""Business-card scanning screens: review dialog, batch runner and queue list, camera."""
