"""``{% work_waiting as items %}``: the dashboard's counts, for the admin's index page."""

from django import template

from curation.dashboard import WorkItem
from curation.dashboard import work_waiting as _work_waiting

register = template.Library()


@register.simple_tag
def work_waiting() -> list[WorkItem]:
    return _work_waiting()
