"""The API's OpenAPI description: served as JSON, naming every OParl address the site answers,
with OParl's own object schemas (each reference resolvable)."""
import re

from oparl import urls as oparl_urls
from oparl.views import LISTS

TYPES = {"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
         "Consultation", "File", "Location", "LegislativeTerm"}


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_openapi_description_names_every_oparl_address(client, db):
    response = client.get("/oparl/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    description = response.json()
    assert description["openapi"] == "3.1.0"
    documented = {re.sub(r"\{[^}]+\}", "{}", path) for path in description["paths"]}
    for pattern in oparl_urls.urlpatterns:
        if pattern.name == "body_list":  # one path per list the body offers
            routes = [f"/oparl/v1.1/body/{{}}/{name}/" for name in LISTS]
        else:
            routes = ["/oparl/v1.1/" + re.sub(r"<[^>]+>", "{}", str(pattern.pattern))]
        for route in routes:
            assert route in documented, f"{route} ({pattern.name}) is not in the OpenAPI description"
    schemas = description["components"]["schemas"]
    assert TYPES | {"Error"} <= set(schemas)
    for ref in _refs(description):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    # Embedded objects point at their type's schema (OParl's own "schema" key, made a $ref).
    assert schemas["Meeting"]["properties"]["agendaItem"]["items"] == {"$ref": "#/components/schemas/AgendaItem"}
    assert schemas["Paper"]["properties"]["mainFile"]["$ref"] == "#/components/schemas/File"
