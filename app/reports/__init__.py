"""Reports computed from the local replica, so they work offline (issue #5).

Each report is a pure, read-only query over the replica returning frozen dataclasses, plus a
:class:`~app.reports.table.ReportTable` view of itself for export and printing. Counting and
summing happen in SQL (aggregates over indexed columns); money is summed as integer cents so
totals stay exact without going through floating point.
"""
