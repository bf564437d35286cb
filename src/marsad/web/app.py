"""The web app: every page at PATH and its JSON twin at PATH.json, made by one view call.

`create_app(db)` builds a FastAPI app over a marsad database. Each request opens its own
read-only connection (`file:PATH?mode=ro`, `PRAGMA query_only`), so the server never writes, not
even the schema, and an ingest may run beside it (WAL). Ids and names are matched with the
`key` converter (any non-empty text, `/` included): `/events/a%2Fb.json` is the event `a/b`.
Pages are Jinja2 templates with autoescape on: article text is untrusted and always goes out as
text. No page loads anything from outside the server, and none runs any
script (the Content-Security-Policy says `script-src 'none'`).

>>> app = create_app(":memory:")
>>> sorted(r.path_format for r in app.routes if getattr(r, "path", "").startswith("/events"))
['/events', '/events.json', '/events/{event_id}', '/events/{event_id}.json']
"""

import inspect
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store
from . import apidoc, schemas, svg, views
from .labels import Labels
from .queries import Filters

HERE = Path(__file__).parent
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PARTIAL_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=500, description="events per page")]


def filter_params(
    person: Annotated[str | None, Query(max_length=200, description="part of a participant's name (folded)")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO3 of a participant or the place")] = None,
    topic: Annotated[str | None, Query(pattern=r"^[a-z_]{0,40}$", description="a topic of spec §4")] = None,
    kind: Annotated[str | None, Query(pattern=r"^(meeting|call|agreement)?$")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="part of a source's outlet")] = None,
    since: Annotated[str | None, Query(pattern=PARTIAL_DATE, description="YYYY[-MM[-DD]], on or after")] = None,
    until: Annotated[str | None, Query(pattern=PARTIAL_DATE, description="YYYY[-MM[-DD]], on or before")] = None,
    q: Annotated[str | None, Query(max_length=200, description="free text in the source articles")] = None,
) -> Filters:
    """The filters of every list page; an empty form field means no filter."""
    return Filters(person=_text(person), country=(country or "").upper() or None, topic=topic or None,
                   kind=kind or None, outlet=_text(outlet), since=since or None, until=until or None, q=_text(q))


def _text(value: str | None) -> str | None:
    """Free text as typed, without control characters (a NUL breaks SQLite's FTS5 query parser)."""
    return CONTROL.sub("", value or "").strip() or None


FilterParams = Annotated[Filters, Depends(filter_params)]


class KeyConvertor(PathConvertor):
    """A path parameter that may hold `/` (sent as %2F, which the server decodes before routing)
    but is never empty, so `/events/` still redirects to `/events`."""

    regex = ".+"


register_url_convertor("key", KeyConvertor())


@contextmanager
def read_only(db: str) -> Iterator[Store]:
    """A Store on `db` opened read-only (`Store(db, read_only=True)`); closed on the way out."""
    with Store(db, read_only=True) as store:
        yield store


def _link(path: str, params: dict[str, Any] | None = None, **changes: Any) -> str:
    """`path?query` from `params` with `changes` (None drops a key, empty values are left out)."""
    merged = {**(params or {}), **changes}
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "")})
    return path + ("?" + query if query else "")


def _web_url(url: str | None) -> str | None:
    """A page's address fit for href: http(s) only (a `javascript:` URL from a page is text)."""
    return url if url and url.lower().startswith(("http://", "https://")) and '"' not in url else None


def templates(labels: Labels) -> jinja2.Environment:
    """Jinja2 with autoescape on for every template (HTML and inline SVG alike)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(labels.for_templates(), link=_link, quote=lambda s: quote(str(s), safe=""),
                       web_url=_web_url, version=__version__)
    env.filters["combine"] = lambda a, b: {**a, **b}
    return env


def create_app(db: str) -> FastAPI:
    """The app over the database file `db`, read-only (`marsad serve` checks first that it opens)."""
    app = FastAPI(title="marsad", version=__version__, docs_url=None, redoc_url=None,
                  description="Engagement events read from Arabic news pages. Every page of the web interface "
                              "has a JSON twin: the same path with `.json`, the same filters, the same data.")
    labels, world = Labels.load(), svg.World.load()
    env = templates(labels)
    app.state.db = db

    def render(request: Request, name: str, data: dict[str, Any], status: int = 200, **extra: Any) -> HTMLResponse:
        here = quote(request.scope["path"].rstrip("/"), safe="/")  # an id's `/` may stay: `key` takes it
        twin = here + ".json" + (("?" + request.url.query) if request.url.query else "")
        extra.setdefault("F", Filters())
        html = env.get_template(name).render(data=data, path=request.url.path, query=dict(request.query_params),
                                             json_url=twin, **extra)
        return HTMLResponse(html, status_code=status)

    def twin(path: str, template: str, model: type, summary: str,
             extras: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] | None = None):
        """Registers `view(store, **params)` at PATH.json (JSON) and PATH (HTML), one signature."""

        def register(view: Callable[..., dict[str, Any] | None]) -> Callable[..., Any]:
            params = list(inspect.signature(view).parameters.values())[1:]  # the store is ours

            def data(kwargs: dict[str, Any]) -> dict[str, Any]:
                with read_only(app.state.db) as store:
                    found = view(store, **kwargs)
                if found is None:
                    raise HTTPException(404, "not found")
                return found

            def as_json(**kwargs: Any) -> dict[str, Any]:
                return data(kwargs)

            def as_html(request: Request, **kwargs: Any) -> HTMLResponse:
                found = data(kwargs)
                more = extras(found, kwargs) if extras else {}
                return render(request, template, found, F=kwargs.get("filters", Filters()), params=kwargs, **more)

            as_json.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
            request = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
            as_html.__signature__ = inspect.Signature([request, *params])  # type: ignore[attr-defined]
            name, keyed = view.__name__, "{" in path
            missing: dict[int | str, dict[str, Any]] = {}
            if keyed:
                missing[404] = {"description": "no such item", "model": schemas.Missing}
            app.get(path + ".json", response_model=model, response_model_exclude_unset=True, summary=summary,
                    tags=["JSON API"], operation_id=name + "_json", responses=missing)(as_json)
            page: dict[str, Any] = {"content": {"text/html": {}}}
            html_errors: dict[int | str, dict[str, Any]] = {}
            if params:
                html_errors[422] = {"description": "invalid parameters (an HTML page)", **page}
            if keyed:
                html_errors[404] = {"description": "no such item (an HTML page)", **page}
            app.get(path, response_class=HTMLResponse, summary=summary + " (HTML page)", tags=["pages"],
                    operation_id=name + "_html", responses=html_errors)(as_html)
            return view

        return register

    @twin("/events", "events.html", schemas.EventsPage, "Events matching the filters, sorted, one page, facets")
    def events(store: Store, filters: FilterParams,
               sort: Literal["-date", "date", "-sources", "-confidence", "kind"] = "-date",
               page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
        return views.events_view(store, filters, sort, page, per_page)

    @twin("/events/{event_id:key}", "event.html", schemas.EventPage, "One event: participants, sources with "
          "their articles and evidence offsets, CAMEO codes")
    def event(store: Store, event_id: Annotated[str, PathParam(max_length=128)]) -> dict[str, Any] | None:
        return views.event_view(store, event_id)

    @twin("/timeline", "timeline.html", schemas.TimelinePage, "Engagements per month by partner country or topic",
          extras=lambda d, _: {"chart": svg.timeline(d)})
    def timeline(store: Store, filters: FilterParams, by: Literal["country", "topic"] = "country",
                 page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
        return views.timeline_view(store, filters, by, page, per_page)

    @twin("/network", "network.html", schemas.NetworkPage, "Countries or people linked by shared engagements",
          extras=lambda d, _: {"chart": svg.network(d)})
    def network(store: Store, filters: FilterParams, nodes: Literal["country", "person"] = "country",
                page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
        return views.network_view(store, filters, nodes, page, per_page)

    @twin("/map", "map.html", schemas.MapPage, "Engagements per country and per city with coordinates",
          extras=lambda d, _: {"chart": svg.world_map(d, world)})
    def map(store: Store, filters: FilterParams, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
        return views.map_view(store, filters, page, per_page)

    @twin("/persons", "persons.html", schemas.PersonsPage, "Named participants of the matching events")
    def persons(store: Store, filters: FilterParams) -> dict[str, Any]:
        return views.persons_view(store, filters)

    @twin("/persons/{name:key}", "person.html", schemas.PersonPage, "One person: engagements, counterparts, topics",
          extras=lambda d, _: {"chart": svg.timeline(d["timeline"], height=220)})
    def person(store: Store, name: Annotated[str, PathParam(max_length=200)], page: Page = 1,
               per_page: PerPage = 50) -> dict[str, Any] | None:
        return views.person_view(store, _text(name) or "", page, per_page)

    @twin("/countries", "countries.html", schemas.CountriesPage, "States of the matching events")
    def countries(store: Store, filters: FilterParams) -> dict[str, Any]:
        return views.countries_view(store, filters)

    @twin("/countries/{code}", "country.html", schemas.CountryPage, "One state: engagements, partners, people",
          extras=lambda d, _: {"chart": svg.timeline(d["timeline"], height=220)})
    def country(store: Store, code: Annotated[str, PathParam(pattern=r"^[A-Za-z]{3}$")], page: Page = 1,
                per_page: PerPage = 50) -> dict[str, Any] | None:
        found = views.country_view(store, code, page, per_page)
        return found if found["total"] or code.upper() in labels.countries else None

    @twin("/search", "search.html", schemas.SearchPage, "Full-text search of the articles, matches marked")
    def search(store: Store, q: Annotated[str, Query(max_length=200, description="text to find (folded)")] = "",
               limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
        return views.search_view(store, _text(q) or "", limit)

    @twin("/stats", "stats.html", schemas.StatsPage, "Rows per table; events per kind, year, state, topic")
    def stats(store: Store) -> dict[str, Any]:
        return views.stats_view(store)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/events")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        """The API's documentation, rendered here from the OpenAPI schema (no CDN, no script)."""
        return render(request, "docs.html", apidoc.page(app.openapi()))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        page = render(request, "error.html", {"status": exc.status_code, "detail": str(exc.detail)}, exc.status_code)
        page.headers.update(exc.headers or {})
        return page

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        errors = [{"loc": [str(x) for x in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]
        return render(request, "error.html", {"status": 422, "detail": "طلب غير صالح", "errors": errors}, 422)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.url.path.startswith("/openapi")


def app_from_env() -> FastAPI:
    """For `uvicorn --factory marsad.web.app:app_from_env`: the database in $MARSAD_DB."""
    return create_app(os.environ.get("MARSAD_DB", "marsad.db"))
