"""Read queries the screens need that app/services does not offer yet.

SQLAlchemy Core over the replica through ``Database.reader()`` (writes: ``transaction()``),
always called on a worker thread. TO MOVE into ``app/services/`` (listed in the report):
``customers`` (list ids/pages), ``pipeline`` (board with names and totals), ``conflicts``
(list and resolve), ``status`` (outbox and conflict counts), ``quotes`` (list with names).
"""
