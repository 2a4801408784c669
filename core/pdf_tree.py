"""The small vocabulary of a PDF structure tree that the tag repair (core/pdf_tags.py) and its
table part (core/pdf_tables.py) share: the kids of an element, whether an object is one."""
from pikepdf import Array, Dictionary, Name

SOURCE_KEY = "/QuorumSource"
CELL_ROLES = ("/TD", "/TH")
ROW_GROUPS = ("/THead", "/TBody", "/TFoot")
# Elements that may stand empty: a table cell keeps the grid regular.
MAY_BE_EMPTY = ("/TD", "/TH", "/TR", "/Figure", "/Link")


def struct_kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_struct_elem(obj) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj and obj.get("/Type") not in (Name.MCR, Name.OBJR)


def set_struct_kids(element, kids: list) -> None:
    element.K = Array(kids)
