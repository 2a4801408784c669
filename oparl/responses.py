"""How every API answer is sent: UTF-8 JSON with OParl's CORS header, ETag and Last-Modified, and
OParl's Error object (2.9) for what cannot be served."""
import functools
import hashlib
import json

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

ERROR = "https://schema.oparl.org/1.1/Error"


class BadRequest(Exception):
    pass


def with_cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(status: int, message: str, debug: str = "") -> HttpResponse:
    body = {"type": ERROR, "message": message}
    if debug:
        body["debug"] = debug
    return with_cors(HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                                  content_type="application/json; charset=utf-8"))


def json_response(request, body: dict, last_modified=None) -> HttpResponse:
    """The object as JSON; a conditional GET whose ETag or date still matches gets 304."""
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    stamp = last_modified.timestamp() if last_modified is not None else None
    conditional = get_conditional_response(request, etag=etag, last_modified=stamp)
    if conditional is not None:
        return with_cors(conditional)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    return with_cors(response)


def preflight() -> HttpResponse:
    """A browser asking first whether a script on another site may send a conditional GET."""
    response = with_cors(HttpResponse(status=204))
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return response


def api_view(view):
    """GET/HEAD only (and the CORS preflight); a missing object or a bad parameter answers with
    OParl's Error object."""
    safe_view = require_safe(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight()
        try:
            return safe_view(request, *args, **kwargs)
        except Http404:
            return error(404, "There is no such object, or it is not public.")
        except BadRequest as problem:
            return error(400, str(problem))
    return wrapped
