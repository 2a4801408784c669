"""The RAG summary counts on a plan filter the plan: choosing Red shows only the Red actions."""
from django.urls import reverse

from actions.models import Action, Rag

from tests.actions.test_actions_spreadsheets import plan  # noqa: F401  (the demo plan fixture)



def test_choosing_a_count_shows_only_those_actions(client, plan, member):  # noqa: F811
    client.force_login(member)
    url = reverse("actions:plan_detail", args=[plan.pk])
    whole = client.get(url)
    assert 'href="?rag=red#actions"' in whole.content.decode()
    red = client.get(url, {"rag": "red"})
    refs = [(a.reference, a.rag) for s in red.context["sections"] for top in red.context["sections"] and s.top_actions
            for a in [top, *top.subs]]
    expected = set(Action.objects.filter(plan=plan, rag=Rag.RED).values_list("reference", flat=True))
    shown_red = {ref for ref, rag in refs if rag == Rag.RED}
    assert shown_red == expected and expected
    # Only red actions, and numbered actions kept as the heading of a red sub-action.
    for ref, rag in refs:
        assert rag == Rag.RED or Action.objects.filter(plan=plan, parent__reference=ref, rag=Rag.RED).exists()
    assert "Showing only the actions rated Red." in red.content.decode()
    assert client.get(url, {"rag": "nonsense"}).context["chosen_rag"] is None
