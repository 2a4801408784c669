from django import forms

from boards.models import Board, Membership, Person
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
