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


class SearchForm(PageForm):
    q = forms.CharField(
        required=False,
        strip=True,
        label="Search provisions",
        help_text='Words are all required; use "quotes" for a phrase, OR for either, -word to exclude.',
    )
    order = forms.ChoiceField(choices=ORDER_CHOICES, required=False, label="Sort by")

    def clean_q(self) -> str:
        # Longer queries are cut rather than refused: a pasted paragraph still searches.
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    def order_or_default(self) -> str:
        """Relevance when there is a query to be relevant to; otherwise the newest first."""
        return self.cleaned_data.get("order") or ("relevance" if self.cleaned_data.get("q") else "-date")
