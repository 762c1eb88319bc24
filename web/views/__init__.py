"""Public pages, one module per family of pages. Thin: validate the query string, call a
selector, render."""
