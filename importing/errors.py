"""The one way an importer says no: a source it cannot turn into documents."""


class ImportRejected(Exception):
    """A source that cannot be imported, with a reason a curator can act on.

    Raised deep inside parsing; the edge (command, admin, corpus loader) shows it once as
    ``"<file name>: <reason>"``. ``source_name`` is filled in by whoever knows the file.
    """

    def __init__(self, reason: str, *, source_name: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.source_name = source_name

    def __str__(self) -> str:
        return f"{self.source_name}: {self.reason}" if self.source_name else self.reason
