"""The OParl 1.1 JSON Schemas (in `oparl_schema/`), made checkable.

They use three non-standard keys: `"schema": "File.json"` for an embedded object of that type,
`"references"` and `"backreference"` for URLs of other objects. A standard validator ignores
unknown keys, so an embedded File would never be checked: `rewritten` turns each `schema` into a
`$ref` to that type's schema, so embedded objects are validated too.
"""
import copy
import json
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "oparl_schema"
TYPES = ("System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
         "Consultation", "File", "Location", "LegislativeTerm")


@lru_cache(maxsize=None)
def original(name: str) -> dict:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def rewritten(name: str, ref=lambda type_name: f"{type_name}.json") -> dict:
    """The schema with every `schema: "X.json"` replaced by `$ref` (to `ref("X")`)."""
    def walk(node):
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items() if k != "schema"}
            if "schema" in node:
                out["$ref"] = ref(node["schema"].removesuffix(".json"))
                if "items" not in node:  # a lone embedded object: the $ref says all
                    out.pop("type", None)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(copy.deepcopy(original(name)))
