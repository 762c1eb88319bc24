"""Reading the query string of a page: every problem becomes a message naming the parameter."""

from django import forms


def parameter_errors(*bound_forms: forms.Form) -> list[str]:
    """``year_from (Year from): Enter a whole number.`` for each invalid parameter."""
    messages = []
    for form in bound_forms:
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            label = f"{name} ({field.label})" if field is not None and field.label else name
            messages.extend(f"{label}: {error}" for error in errors)
    return messages


def choice_options(form: forms.Form, name: str) -> list[tuple[str, str, bool]]:
    """(value, label, checked) for each choice of a multiple-choice filter, as the page shows
    them as checkboxes; what is checked comes from the submitted data."""
    chosen = set(form.data.getlist(name)) if hasattr(form.data, "getlist") else set()
    return [(str(value), str(label), str(value) in chosen) for value, label in form.fields[name].choices]
