"""Reading the OParl API as a client would: validating objects against OParl's own JSON Schemas
(embedded objects too) and walking every URL from the System object."""
import re
from collections import deque
from urllib.parse import urlparse

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from oparl.schemas import TYPES, rewritten

BASE = "https://schema.oparl.org/1.1/"
API = "http://testserver/oparl/v1.1/"
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def _registry() -> Registry:
    resources = []
    for name in TYPES:
        schema = {"$id": f"{BASE}{name}.json", **rewritten(name)}
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()
VALIDATORS = {name: Draft202012Validator({"$ref": f"{BASE}{name}.json"}, registry=REGISTRY) for name in TYPES}


def type_name(obj: dict) -> str:
    assert obj.get("type", "").startswith(BASE), obj
    return obj["type"].removeprefix(BASE)


def schema_errors(obj: dict) -> list[str]:
    """Every way `obj` breaks its OParl schema (and embedded objects theirs), plus OParl's date-time
    form for created/modified wherever they occur."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in VALIDATORS[type_name(obj)].iter_errors(obj)]

    def stamps(node, path):
        if isinstance(node, dict):
            for key in ("created", "modified"):
                if key in node and not DATE_TIME.match(node[key]):
                    errors.append(f"{path}/{key}: {node[key]!r} is not yyyy-mm-ddThh:mm:ss±hh:mm")
            for key, value in node.items():
                stamps(value, f"{path}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                stamps(value, f"{path}/{n}")

    stamps(obj, "")
    if not obj.get("deleted"):
        for key in ("created", "modified"):
            if key not in obj:
                errors.append(f"{key} missing")
    return errors


def _urls(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _urls(value)
    elif isinstance(node, str) and node.startswith(API):
        yield node


def _objects(node):
    """Every OParl object in a response, embedded ones included."""
    if isinstance(node, dict):
        if isinstance(node.get("type"), str) and node["type"].startswith(BASE):
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def crawl(client, limit: int = 3000):
    """Fetch the System object and every API URL reachable from it (lists page by page, objects,
    and each file's accessUrl and downloadUrl). Returns {url: response} and the objects seen."""
    responses, objects = {}, []
    queue, seen = deque([API]), set()
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        responses[url] = response
        if not response.get("Content-Type", "").startswith("application/json"):
            continue
        assert response.status_code == 200, f"{url}: {response.status_code} {response.content[:300]}"
        body = response.json()
        objects += list(_objects(body))
        for target in _urls(body):
            if urlparse(target).netloc == "testserver" and target not in seen:
                queue.append(target)
    return responses, objects
