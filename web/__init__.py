"""The public face: pages and the JSON API over published documents and provisions."""
