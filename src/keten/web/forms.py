"""Form styling shared by every page: NL Design System classes and accessible error wiring."""

from __future__ import annotations

from django import forms

_CLASSES = {
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}


class StyledFormMixin:
    """Adds the design system's classes to widgets and marks invalid fields for assistive tech."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for cls, c in _CLASSES.items() if isinstance(widget, cls)),
                       "utrecht-textbox utrecht-textbox--html-input")
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.required and not isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("required", True)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
                self.fields[name].widget.attrs["aria-describedby"] = f"{self.add_prefix(name)}-error"

    def add_service_errors(self, error) -> None:
        """Show a service's ValidationFailed on the fields it names (or on the form)."""
        if error.fields:
            for field, messages in error.fields.items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        else:
            self.add_error(None, error.message)
