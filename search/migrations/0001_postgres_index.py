"""The ``postgres`` search backend's index: a table of search records with GIN indexes.

Created only on PostgreSQL (the other backends need no tables). Accents are folded by
the ``unaccent`` extension inside two text search configurations, ``osce_english``
(stemmed) and ``osce_simple`` (unstemmed, for "did you mean"); ``fuzzystrmatch`` ranks
spelling suggestions. Both extensions are trusted: a database owner may create them.
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'osce_english') THEN
        CREATE TEXT SEARCH CONFIGURATION osce_english (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION osce_english
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
            WITH unaccent, english_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'osce_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION osce_simple (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION osce_simple
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
            WITH unaccent, simple;
    END IF;
END
$$;
CREATE TABLE search_provision (
    provision_id bigint PRIMARY KEY,
    document_id bigint NOT NULL,
    document_slug text NOT NULL,
    symbol text NOT NULL,
    kind text NOT NULL,
    body text NOT NULL,
    date date NULL,
    year integer NULL,
    decade text NULL,
    position integer NOT NULL,
    label_key text NOT NULL,
    text text NOT NULL,
    text_html text NOT NULL,
    dimensions text[] NOT NULL,
    categories text[] NOT NULL,
    is_commitment boolean NOT NULL,
    fingerprint text NOT NULL,
    vector tsvector NOT NULL,
    spelling tsvector NOT NULL
);
CREATE INDEX search_provision_vector ON search_provision USING gin (vector);
CREATE INDEX search_provision_spelling ON search_provision USING gin (spelling);
CREATE INDEX search_provision_dimensions ON search_provision USING gin (dimensions);
CREATE INDEX search_provision_categories ON search_provision USING gin (categories);
CREATE INDEX search_provision_symbol ON search_provision (symbol);
CREATE INDEX search_provision_order ON search_provision (date, document_id, position);
CREATE TABLE search_pending (
    provision_id bigint NOT NULL,
    queued_at timestamptz NOT NULL DEFAULT now()
);
"""

BACKWARD = """
DROP TABLE IF EXISTS search_pending;
DROP TABLE IF EXISTS search_provision;
DROP TEXT SEARCH CONFIGURATION IF EXISTS osce_simple;
DROP TEXT SEARCH CONFIGURATION IF EXISTS osce_english;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [migrations.RunPython(forward, backward)]
