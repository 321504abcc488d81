"""Excel and CSV in and out (issue #5): read sheets, map columns, validate with the services'
data standards, detect duplicates with the shared matcher, import all-or-nothing per file;
products for the server's catalog are validated here too (one set of rules for the wizard and
the server) and uploaded rather than written locally; export lists and reports to .xlsx and
.csv."""
