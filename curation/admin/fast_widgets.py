"""Form widgets that write their HTML in Python instead of rendering a template each, and
autocompletes that name their selected object without a query each.

A document's admin page lists every provision as an editable row: some nine widgets a row, six
hundred for MC.DOC/2/05, and rendering a template per widget took most of the page's two and a
half seconds. These produce the same HTML as Django's own templates for the same widgets
(``django/forms/widgets/input.html``, ``textarea.html``, ``attrs.html``).
"""

import functools

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin
from django.forms.formsets import BaseFormSet
from django.forms.utils import ErrorList
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    # As attrs.html: False leaves the attribute out, True writes its name alone.
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False and value is not None:
            parts.append(format_html(' {}="{}"', name, value))
    return "".join(parts)


class _DirectInput:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
        return mark_safe(  # noqa: S308 (every part escaped above)
            format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
            + shown
            + _attrs(widget["attrs"])
            + ">"
        )


class _DirectTextarea:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(  # noqa: S308 (every part escaped above)
            format_html('<textarea name="{}"', widget["name"])
            + _attrs(widget["attrs"])
            + ">\n"
            + text
            + "</textarea>"
        )


# Templates whose whole output the mixins reproduce; a widget with another template (a date
# picker, an autocomplete) keeps its own rendering.
_DIRECT = {
    "django/forms/widgets/text.html": _DirectInput,
    "django/forms/widgets/number.html": _DirectInput,
    "django/forms/widgets/hidden.html": _DirectInput,
    "django/forms/widgets/checkbox.html": _DirectInput,
    "django/forms/widgets/input.html": _DirectInput,
    "django/forms/widgets/textarea.html": _DirectTextarea,
}


@functools.cache
def _fast_class(widget_class: type) -> type:
    return type(f"Fast{widget_class.__name__}", (_DIRECT[widget_class.template_name], widget_class), {})


def use_fast_widgets(form: forms.Form) -> None:
    """Swap each widget of ``form`` rendered by one of the plain templates for a twin of its
    class that writes the same HTML directly; its attributes are kept."""
    for field in form.fields.values():
        widget_class = type(field.widget)
        if getattr(widget_class, "template_name", None) in _DIRECT:
            field.widget.__class__ = _fast_class(widget_class)


class _NamedFromTheRow:
    """An autocomplete that names its selected object from the row the form edits, when the
    row's query read it already (``select_related``), instead of a query per widget."""

    selected_object = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        chosen = self.selected_object
        remote = self.field.remote_field
        if chosen is None or selected != {str(chosen.pk)} or remote.field_name != remote.model._meta.pk.name:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(chosen)
        options.append(self.create_option(name, chosen.pk, label, True, len(options)))
        return [(None, options, 0)]


@functools.cache
def _named_from_the_row_class(widget_class: type) -> type:
    return type(f"RowNamed{widget_class.__name__}", (_NamedFromTheRow, widget_class), {})


def name_selections_from_the_row(form: forms.ModelForm) -> None:
    """Let each autocomplete of ``form`` name its selected object from ``form.instance``'s
    related objects already read, rather than query it."""
    cached = form.instance._state.fields_cache
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
        if isinstance(widget, AutocompleteMixin) and name in cached:
            widget.__class__ = _named_from_the_row_class(type(widget))
            widget.selected_object = cached[name]


class QuietErrorList(ErrorList):
    """An error list that renders nothing, without a template, when it is empty: each field of
    each row shows its (mostly empty) list of errors."""

    def render(self, template_name=None, context=None, renderer=None):
        return "" if not self.data else super().render(template_name, context, renderer)

    # RenderableMixin binds these to its own render.
    __str__ = render
    __html__ = render


class FastWidgetsFormSetMixin(BaseFormSet):
    """A formset whose forms render with the fast widgets, the fields it adds (id, delete) too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_class = QuietErrorList

    def add_fields(self, form, index):
        super().add_fields(form, index)
        use_fast_widgets(form)
        if isinstance(form, forms.ModelForm):
            name_selections_from_the_row(form)
