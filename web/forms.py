"""Forms that validate the query-string parameters of the public pages besides the filters
(which ``web.filters`` validates)."""

from django import forms

from search.query import MAX_QUERY_LENGTH

ORDER_CHOICES = [
    ("relevance", "Relevance"),
    ("-date", "Date (newest first)"),
    ("date", "Date (oldest first)"),
]
MAX_PAGE = 1_000_000


class PageForm(forms.Form):
    """The page number of a paginated list; absent means the first page."""

    page = forms.IntegerField(
        required=False,
        label="Page",
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={"invalid": "The page must be a whole number, counting from 1."},
    )

    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1


class SearchForm(forms.Form):
    """The words and the order of a search; longer queries than ``MAX_QUERY_LENGTH`` are cut
    by the search request (which says so), not refused: a pasted paragraph still searches."""

    q = forms.CharField(
        required=False,
        strip=True,
        label="Search provisions",
        help_text=(
            'Words are all required; use "quotes" for a phrase, OR for either, -word to exclude. '
            f"At most {MAX_QUERY_LENGTH} characters are searched."
        ),
    )
    order = forms.ChoiceField(choices=ORDER_CHOICES, required=False, label="Sort by")
