from django import forms
from django.utils.translation import gettext_lazy as _

from keten.web.forms import StyledFormMixin

from .events import Event


class AuditSearchForm(StyledFormMixin, forms.Form):
    is_filter = True  # every field is optional; the page need not say so

    actor = forms.CharField(label=_("User (e-mail contains)"), required=False)
    action = forms.ChoiceField(label=_("Event"), required=False)
    object_id = forms.CharField(label=_("Record id"), required=False)
    request_id = forms.CharField(label=_("Request id"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Up to and including"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All events"))] + [(e.value, e.value) for e in Event]
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)
