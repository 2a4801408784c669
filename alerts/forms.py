from django import forms

from boards.models import Board


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your e-mail address", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    board = forms.ModelChoiceField(label="A board's news", queryset=Board.objects.order_by("name"), required=False,
                                   empty_label="No board", help_text="Agendas and packs published, minutes published, "
                                   "meetings cancelled or moved.")
    phrase = forms.CharField(label="Or new documents matching these words", max_length=200, required=False,
                             help_text="For example: fostering allowances")

    def clean(self):
        data = super().clean()
        if not data.get("board") and not (data.get("phrase") or "").strip():
            raise forms.ValidationError("Choose a board, or type the words to watch for (or both).")
        return data
