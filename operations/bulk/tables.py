"""The tables of a corpus export: their columns, and how a row is written in JSON and in CSV.

One definition serves the export, the import and the README shipped inside the CSV zip, so the
three cannot drift apart. Documents are referred to by slug, provisions by id.
"""

from operations.bulk import field_operations as _operations

FORMAT_NAME = "osce-migration-commitments-corpus"
# 3: documents and provisions carry when they were created and last changed, decisions who decided.
FORMAT_VERSION = 3
LIST_SEPARATOR = ";"

# table -> (column, description); the order is the column order of the CSV file.
TABLES: dict[str, list[tuple[str, str]]] = {
    "dimensions": [
        ("slug", "identifier used by provisions.dimensions"),
        ("name", "name"),
        ("position", "order"),
        ("description", "what it covers"),
    ],
    "categories": [
        ("slug", "identifier used by provisions.categories"),
        ("name", "name"),
        ("position", "order"),
        ("study_section", "section of the 2016 study that defines it"),
        ("description", "what it covers"),
    ],
    "fields_of_work": [
        ("slug", "identifier used by documents.fields_of_work"),
        ("name", "topic the OSCE files its pages under, e.g. Migration"),
    ],
    "documents": [
        ("id", "permanent number"),
        ("slug", "permanent identifier, used by the other tables"),
        ("symbol", "OSCE symbol, e.g. MC.DOC/2/05; empty when it has none"),
        ("title", "title"),
        ("kind", "kind of document, e.g. mc_decision"),
        ("body", "issuing body, e.g. ministerial_council"),
        ("place", "place of adoption"),
        ("date", "date of adoption, YYYY-MM-DD; the first day of the period when imprecise"),
        ("date_precision", "day, month or year: how much of the date is known"),
        ("language", "language code"),
        ("summary", "summary"),
        ("full_text", "full text as imported"),
        ("source_url", "where the source was published"),
        ("source_filename", "name of the source file"),
        ("source_sha256", "SHA-256 of the source file"),
        ("fields_of_work", "slugs of the OSCE fields of work it is filed under, separated by ;"),
        ("citation", "how to cite it (derived)"),
        ("url", "path of its page on the site (derived)"),
        ("authors", "personal authors as a citation names them (a study's); empty for an institution's text"),
        ("created_at", "when it entered the knowledge base"),
        ("updated_at", "when it last changed"),
    ],
    "provisions": [
        ("id", "permanent number; its page is /provisions/<id>/"),
        ("document", "slug of its document"),
        ("position", "order within the document"),
        ("label", "paragraph label as a citation writes it, e.g. 4.5 or Annex C.2(v)"),
        ("heading", "heading path"),
        ("text", "text"),
        ("is_commitment", "true when participating States undertake something in it"),
        ("origin", "full_text, quotation or manual"),
        ("quoted_in", "for a quotation: slug of the document that quotes it"),
        ("quoted_locator", "for a quotation: where, e.g. footnote 12"),
        ("dimensions", "slugs of its dimensions, separated by ;"),
        ("categories", "slugs of its migration categories, separated by ;"),
        ("citation", "how to cite it (derived)"),
        ("url", "path of its page on the site (derived)"),
        ("is_preamble", "true for a preambular paragraph (Recalling …) at the head of a decision"),
        ("created_at", "when it entered the knowledge base"),
        ("updated_at", "when it last changed"),
    ],
    "quotations": [
        ("id", "permanent number"),
        ("quoting_document", "slug of the document that quotes"),
        ("position", "order within the quoting document"),
        ("footnote", "the footnote of the quoting document that cites the source; empty for none"),
        ("section", "where in the quoting document, e.g. 4.1.2 or a web page's section"),
        ("text", "the quoted words exactly as the quoting document prints them"),
        ("sentence", "the sentence that quotes them"),
        ("candidates", "slugs of the documents the footnote names, separated by ;"),
        ("attributed_to", "slug of the document the words are from; empty while not decided"),
        ("status", "matched, not_found, ambiguous, text_not_held or unattributed"),
        ("matched_provision", "id of the provision of the attributed document's text holding the words"),
        ("passage", "id of the provision that carries the words when no held provision does"),
        ("note", "how the attribution was reached, or why it is in doubt"),
        ("attribution_basis", "a curator's one-line basis for the attribution; empty when not decided"),
    ],
    "relations": [
        ("id", "permanent number"),
        ("kind", "cites, reaffirms, builds_on or supersedes"),
        ("source_document", "slug of the document that makes the link"),
        ("source_provision", "id of the provision that makes it; empty for the whole document"),
        ("target_document", "slug of the document linked to"),
        ("target_provision", "id of the provision linked to; empty for the whole document"),
        ("evidence", "where the link is stated"),
    ],
    "claims": [
        ("id", "permanent number"),
        ("document", "slug of the document the claim is about"),
        ("field", "metadata field, e.g. date"),
        ("value", "the value this source states (dates as 1975, 1995-12 or 2009-12-04)"),
        ("source_document", "slug of the document whose text states it; empty for the document itself"),
        ("source_locator", "where in the source, e.g. footnote 9"),
        ("recorded_at", "when it was recorded"),
    ],
    "decisions": [
        ("document", "slug of the document"),
        ("field", "metadata field whose sources disagree"),
        ("value", "value a curator decided on"),
        ("note", "the curator's reasoning"),
        ("decided_at", "when"),
        ("decided_by", "user name of the curator who decided; empty when not known"),
    ],
    "attachments": [
        ("document", "slug of the document it travels with"),
        ("position", "order"),
        ("title", "title, e.g. Interpretative statement by Georgia"),
        ("text", "text"),
    ],
    "tag_decisions": [
        ("provision", "id of the provision"),
        ("dimension", "slug of the dimension decided; empty for a category"),
        ("category", "slug of the migration category decided; empty for a dimension"),
        ("origin", "curated (tagged by the editors) or accepted (suggested automatically, accepted)"),
        ("curator", "who decided"),
        ("decided_at", "when"),
        ("basis", "why the provision carries the tag, in one line"),
    ],
    "curations": [
        ("provision", "id of the provision the editors decided (its tags and whether it commits)"),
        ("curator", "who decided last"),
        ("decided_at", "when"),
        ("basis", "why it is (or is not) a commitment, in one line"),
        ("source", "file (fixtures/curation) or admin"),
    ],
    **_operations.TABLES,
}
# Tables an export made before field operations were kept lacks: read as empty.
OPTIONAL_TABLES = set(_operations.TABLES)

LIST_COLUMNS = {
    ("provisions", "dimensions"),
    ("provisions", "categories"),
    ("documents", "fields_of_work"),
    *_operations.LIST_COLUMNS,
    ("quotations", "candidates"),
}
INT_COLUMNS = {
    ("dimensions", "position"),
    ("categories", "position"),
    ("documents", "id"),
    ("provisions", "id"),
    ("provisions", "position"),
    ("quotations", "id"),
    ("quotations", "position"),
    ("quotations", "matched_provision"),
    ("quotations", "passage"),
    ("relations", "id"),
    ("relations", "source_provision"),
    ("relations", "target_provision"),
    ("claims", "id"),
    ("attachments", "position"),
    ("tag_decisions", "provision"),
    ("curations", "provision"),
    *_operations.INT_COLUMNS,
}
BOOL_COLUMNS = {("provisions", "is_commitment"), ("provisions", "is_preamble"), *_operations.BOOL_COLUMNS}
# Columns that may hold no value: null in JSON, an empty cell in CSV.
NULLABLE_COLUMNS = {
    ("documents", "date"),
    ("provisions", "quoted_in"),
    ("quotations", "attributed_to"),
    ("quotations", "matched_provision"),
    ("quotations", "passage"),
    ("relations", "source_provision"),
    ("relations", "target_provision"),
    ("claims", "source_document"),
    ("tag_decisions", "dimension"),
    ("tag_decisions", "category"),
    *_operations.NULLABLE_COLUMNS,
}


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def to_csv_cell(table: str, column: str, value) -> str:
    if value is None:
        return ""
    if (table, column) in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    if (table, column) in BOOL_COLUMNS:
        return "true" if value else "false"
    return str(value)


def from_csv_cell(table: str, column: str, cell: str):
    """The JSON value of a CSV cell; raises ValueError on a malformed one."""
    key = (table, column)
    if key in LIST_COLUMNS:
        return [item for item in cell.split(LIST_SEPARATOR) if item]
    if cell == "" and key in NULLABLE_COLUMNS:
        return None
    if key in BOOL_COLUMNS:
        if cell not in ("true", "false"):
            raise ValueError(f"{column} must be true or false, not {cell!r}")
        return cell == "true"
    if key in INT_COLUMNS:
        try:
            return int(cell)
        except ValueError:
            raise ValueError(f"{column} must be a whole number, not {cell!r}") from None
    return cell


def readme() -> str:
    """The README.txt of the CSV zip: one paragraph per table, one line per column."""
    lines = [
        "OSCE migration commitments: the published corpus as CSV tables (UTF-8, comma-separated).",
        f"Format {FORMAT_NAME}, version {FORMAT_VERSION}. Documents are referred to by slug,",
        "provisions by id. Lists inside a cell are separated by ';'. manifest.json gives the counts.",
        "",
    ]
    for table, cols in TABLES.items():
        lines.append(f"{table}.csv")
        lines.extend(f"  {name}: {description}" for name, description in cols)
        lines.append("")
    return "\n".join(lines)
