"""Excel and CSV in and out (issue #5): read sheets, map columns, validate with the services'
data standards, detect duplicates with the shared matcher, import all-or-nothing per file;
export lists and reports to .xlsx and .csv."""
