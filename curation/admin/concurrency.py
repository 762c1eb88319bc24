"""Edit forms that refuse a save made from a stale page (``curation.edit_versions``)."""

from django import forms
from django.core.exceptions import ValidationError

from curation.edit_versions import changes_since, edit_version, is_current


class VersionedForm(forms.ModelForm):
    """A model form carrying the version of the object it was opened on.

    A save from a page opened before someone else's change is refused, saying who changed
    what; the form then carries the new version, so that saving the same form again is a
    deliberate choice to replace that change. The object's row is locked from this check to
    the end of the admin's transaction (PostgreSQL), so two saves at once are checked one
    after the other.
    """

    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["edit_version"].initial = edit_version(self.instance, self._edited_fields())

    def _edited_fields(self) -> list[str]:
        return [name for name in self.fields if name != "edit_version"]

    def clean(self):
        data = super().clean()
        submitted = data.get("edit_version") or ""
        if self.instance.pk is None or not submitted:
            return data
        current = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            return data
        fields = self._edited_fields()
        if is_current(current, fields, submitted):
            return data
        what = changes_since(current, fields, submitted)
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = edit_version(current, fields)
        raise ValidationError(
            f"Not saved: since you opened this page, {what} Compare, then save again to keep what "
            "this form says instead, or reload the page to start from their version.",
            code="stale",
        )
