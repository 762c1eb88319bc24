"""Verifying a passage: a document whose source address is known links to its official text,
on its page and in the card a search for it shows."""

import re


def test_a_document_with_a_known_source_links_to_its_official_text(client, corpus_index, corpus):
    decision = corpus.document("MC.DEC/5/09")
    html = client.get(decision.get_absolute_url()).content.decode()
    assert "Official text" not in html  # the bundled sources state no address for it
    decision.source_url = "https://www.osce.org/files/f/documents/mc-dec-5-09.pdf"
    decision.save()
    html = client.get(decision.get_absolute_url()).content.decode()
    link = re.search(r"<dt>Official text</dt><dd><a ([^>]*)>", html).group(1)
    assert 'href="https://www.osce.org/files/f/documents/mc-dec-5-09.pdf"' in link
    assert 'rel="external noopener"' in link
    card = client.get("/search/", {"q": "MC.DEC/5/09"}).content.decode()
    url = "https://www.osce.org/files/f/documents/mc-dec-5-09.pdf"
    assert f'<a href="{url}" rel="external noopener">official text</a>' in card
