"""Qt item models over the services and ui.queries (rows in SQL, ids in the model)."""
