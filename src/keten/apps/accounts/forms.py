from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from keten.web.forms import StyledFormMixin

from . import codelists


class LoginForm(StyledFormMixin, forms.Form):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class SecondFactorForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=16,
        help_text=_("The six digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class MemberAddForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=200,
                                help_text=_("Needed only when the person has no Keten account yet."), required=False)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(str(r.pk), r.name) for r in roles]


class MemberEditForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    is_active = forms.BooleanField(label=_("Active member"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(str(r.pk), r.name) for r in roles]


class RolePermissionsForm(StyledFormMixin, forms.Form):
    permissions = forms.MultipleChoiceField(label=_("Permissions"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, catalogue=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permissions"].choices = [(p.code, f"{p.code} — {p.description}") for p in catalogue]


class OrganisationForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"))
    region = forms.ChoiceField(label=_("Police unit"))
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(c.code, c.label) for c in codelists.organisation_types()]
        self.fields["region"].choices = [(c.code, c.label) for c in codelists.regions()]
        self.fields["municipality"].choices = [("", "—")] + [(m.code, m.name) for m in municipalities]


class DirectoryFilterForm(StyledFormMixin, forms.Form):
    is_filter = True  # every field is optional; the page need not say so

    search = forms.CharField(label=_("Name contains"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Police unit"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [(c.code, c.label) for c in codelists.organisation_types()]
        self.fields["region"].choices = [("", _("All units"))] + [(c.code, c.label) for c in codelists.regions()]
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)


class TokenCreateForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=60)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)
