from django import forms

from boards.models import Board

from .models import Kind


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    board = forms.ModelChoiceField(label="Board", queryset=Board.objects.order_by("name"), required=False,
                                   empty_label="All boards")
    year = forms.TypedChoiceField(label="Year", coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label="Kind of document", required=False, choices=[("", "All kinds")] + Kind.choices)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years")] + [(y, str(y)) for y in years]
