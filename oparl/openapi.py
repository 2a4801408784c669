"""An OpenAPI 3.1 description of the OParl API, made from the routes and the OParl schemas."""
from django.http import JsonResponse

from .lists import FILTERS
from .schemas import TYPES, rewritten

LIST_NAMES = {"organization": "Organization", "person": "Person", "membership": "Membership",
              "meeting": "Meeting", "agendaItem": "AgendaItem", "paper": "Paper", "consultation": "Consultation",
              "file": "File", "location": "Location", "legislativeTerm": "LegislativeTerm"}
OBJECTS = [("organization/{id}/", "Organization", "integer"), ("person/{id}/", "Person", "integer"),
           ("membership/{id}/", "Membership", "integer"), ("meeting/{id}/", "Meeting", "integer"),
           ("agendaItem/{id}/", "AgendaItem", "integer"), ("paper/{id}/", "Paper", "integer"),
           ("consultation/{id}/", "Consultation", "integer"), ("file/{id}/", "File", "string"),
           ("location/{id}/", "Location", "string"), ("legislativeTerm/{id}/", "LegislativeTerm", "string")]


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {"404": _json(_ref("Error"), "No such object, or not public"),
          "400": _json(_ref("Error"), "A parameter is malformed")}


def _list_schema(type_name):
    return {"type": "object", "required": ["data", "pagination", "links"], "properties": {
        "data": {"type": "array", "items": _ref(type_name)},
        "pagination": {"type": "object", "properties": {k: {"type": "integer"} for k in (
            "totalElements", "elementsPerPage", "currentPage", "totalPages")}},
        "links": {"type": "object", "properties": {k: {"type": "string", "format": "uri"} for k in (
            "first", "prev", "self", "next", "last")}},
    }}


def _parameters():
    params = [{"name": name, "in": "query", "required": False, "schema": {"type": "string", "format": "date-time"},
               "description": f"Only objects whose `{field.removeprefix('oparl_')}` is "
                              f"{'on or after' if op == 'gte' else 'on or before'} this moment."}
              for name, field, op in FILTERS]
    params += [{"name": "elementsPerPage", "in": "query", "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
               {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}}]
    return params


def description() -> dict:
    paths = {
        "/oparl/v1.1/": {"get": {"summary": "The System object: the entry point", "responses": {"200": _json(_ref("System"))}}},
        "/oparl/v1.1/body/": {"get": {"summary": "The bodies (councils)", "responses": {"200": _json(_list_schema("Body"))}}},
        "/oparl/v1.1/body/{body}/": {"get": {"summary": "A body (a council)",
                                             "parameters": [{"name": "body", "in": "path", "required": True, "schema": {"type": "string"}}],
                                             "responses": {"200": _json(_ref("Body")), **ERRORS}}},
    }
    for segment, type_name in LIST_NAMES.items():
        paths[f"/oparl/v1.1/body/{{body}}/{segment}/"] = {"get": {
            "summary": f"The body's {type_name} objects, a page at a time",
            "parameters": [{"name": "body", "in": "path", "required": True, "schema": {"type": "string"}}] + _parameters(),
            "responses": {"200": _json(_list_schema(type_name)), **ERRORS}}}
    paths["/oparl/v1.1/organization/{id}/meeting/"] = {"get": {
        "summary": "The board's meetings", "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}] + _parameters(),
        "responses": {"200": _json(_list_schema("Meeting")), **ERRORS}}}
    for path, type_name, id_type in OBJECTS:
        paths[f"/oparl/v1.1/{path}"] = {"get": {
            "summary": f"One {type_name} (or, once deleted, its id, type, created, modified and deleted: true)",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": id_type}}],
            "responses": {"200": _json(_ref(type_name)), **ERRORS}}}
    for segment, disposition in (("access", "inline"), ("download", "attachment")):
        paths[f"/oparl/v1.1/file/{{id}}/{segment}/"] = {"get": {
            "summary": f"The file itself (Content-Disposition: {disposition})",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "The file"}, "304": {"description": "Not modified"},
                          "404": {"description": "No such public file"}, "410": {"description": "Withdrawn"}}}}
    schemas = {name: rewritten(name, ref=lambda t: f"#/components/schemas/{t}") for name in TYPES}
    schemas["Error"] = {"type": "object", "required": ["type", "message"], "properties": {
        "type": {"const": "https://schema.oparl.org/1.1/Error"}, "message": {"type": "string"},
        "debug": {"type": "string"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Quorum OParl 1.1 API", "version": "1.1",
                 "description": "Read-only: the public's view of the boards' meetings, papers and files "
                                "(published, exempt papers withheld). Every JSON answer carries "
                                "Access-Control-Allow-Origin: *, an ETag and, where known, Last-Modified."},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def openapi_json(request):
    response = JsonResponse(description(), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
