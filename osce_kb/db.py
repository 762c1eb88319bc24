"""Database upkeep that Django leaves to the database."""

from django.db import connection


def refresh_planner_statistics() -> None:
    """Renew the statistics the query planner chooses its plans by, after a bulk load.

    Until then PostgreSQL plans for the tables as they were (empty, after a restore), and
    autovacuum renews them only later, or never where it is switched off. SQLite keeps its own
    statistics the same way.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
