"""Operations: backups, restores and whole-corpus dumps, apart from the site that serves them."""
