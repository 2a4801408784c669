from django import forms

from boards.models import Board, Membership, Organisation, Person
from core.widgets import DateInput, Textarea, TimeInput


class BoardForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    clerk_phone = forms.CharField(label="Clerk's direct dial", max_length=40, required=False)

    class Meta:
        model = Board
        fields = ["name", "council_name", "terms_of_reference", "clerk", "clerk_title", "summoning_officer",
                  "default_venue", "default_start_time", "report_heading"]
        widgets = {"default_start_time": TimeInput,
                   "terms_of_reference": Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            if self.instance.clerk_id:
                self.initial["clerk_phone"] = self.instance.clerk.phone
        from django.db.models import Q

        clerk_ids = Membership.objects.filter(board=self.instance, role=Membership.Role.CLERK).values("person_id")
        self.fields["clerk"].queryset = Person.objects.filter(Q(pk__in=clerk_ids) | Q(pk=self.instance.clerk_id))


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "start_date", "attendance_note"]
        widgets = {"start_date": DateInput}
        labels = {"attendance_note": "How the papers describe them (optional)"}


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label="Last day on the board", widget=DateInput)


class PersonForm(forms.ModelForm):
    """A person's details as the papers name them."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    new_organisation = forms.CharField(
        label="Or a new organisation", max_length=200, required=False,
        help_text="Only if it is not in the list above, e.g. “Nottingham City Homes”.",
    )

    class Meta:
        model = Person
        fields = ["honorific", "first_name", "last_name", "organisation", "job_title", "email", "phone"]
        labels = {"email": "E-mail address", "last_name": "Last name", "first_name": "First name"}
        help_texts = {"email": "Needed to invite them to sign in."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version

    def clean(self):
        data = super().clean()
        if data.get("organisation") and data.get("new_organisation"):
            self.add_error("new_organisation", "Choose an organisation from the list or type a new one, not both.")
        return data

    def person_fields(self):
        """The cleaned fields as the services take them (a typed new organisation is made or found)."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        name = self.cleaned_data.get("new_organisation", "").strip()
        if name:
            data["organisation"] = Organisation.objects.filter(name__iexact=name).first() or Organisation(name=name)
        return data


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label="New role", choices=Membership.Role.choices)
    from_date = forms.DateField(label="From", widget=DateInput,
                                help_text="The first day in the new role; the present role ends the day before.")


class BoardCreateForm(forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "slug", "council_name", "clerk", "clerk_title", "default_venue", "report_heading"]
        labels = {"slug": "Web address", "clerk": "Clerk"}
        help_texts = {"slug": "Lower-case words joined by hyphens, e.g. “health-and-wellbeing-board”.",
                      "clerk": "Named on the front sheet; holds the clerk role on the board from today."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clerk"].required = True
        self.fields["clerk"].queryset = Person.objects.select_related("organisation").order_by("last_name", "first_name")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == "new":
            raise forms.ValidationError("“new” is kept for this page: choose another web address.")
        return slug

    def validate_unique(self):
        # The service decides: the same form sent twice is not a clash.
        pass
