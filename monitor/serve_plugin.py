"""Vigil's Datasette plugin (registered by monitor.serve): links, charts, login redirect.

* Query results: ``article_id`` and ``prisoner_id`` columns link to the article's page and
  to the person's canned query (table pages already link foreign keys themselves).
* Charts: a Vega-Lite chart above the results of the canned queries named in the
  ``vigil.charts`` plugin settings. Its data come from another canned query's JSON, so the
  public instance needs no arbitrary SQL (datasette-dashboards would: its charts fetch
  ``?sql=``, which the public instance refuses). The Vega libraries are the ones
  datasette-dashboards ships.
* Staff instance: an anonymous visitor who is refused a page is sent to the login form.
* Every response: headers that stop content sniffing and framing, so scraped text served
  as JSON or CSV is never run as HTML and the staff forms cannot be clickjacked.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

VEGA_FILES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
VEGA_PLUGIN = "datasette_dashboards"
DATA_SUFFIXES = (".json", ".csv")
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"),
)


def _settings(datasette) -> dict:
    return datasette.plugin_config("vigil") or {}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if table is not None or isinstance(value, bool) or not isinstance(value, int):
        return None
    if column == "article_id":
        href = f"{datasette.urls.table('corpus', 'articles')}/{value}"
    elif column == "prisoner_id":
        href = f"{datasette.urls.database('corpus')}/person?id={value}"
    else:
        return None
    return Markup('<a href="{}">{}</a>').format(href, value)


def _chart_for(datasette, request) -> tuple[str, dict] | None:
    """The chart configured for the canned query page being rendered, if any."""
    if request is None or request.url_vars.get("format"):
        return None
    database, page = request.url_vars.get("database"), request.url_vars.get("table")
    for slug, chart in (_settings(datasette).get("charts") or {}).items():
        if page in chart.get("pages", []) and database == chart.get("database", "corpus"):
            return slug, chart
    return None


@hookimpl
def extra_js_urls(datasette, request):
    if _chart_for(datasette, request) is None:
        return []
    return [datasette.urls.static_plugins(VEGA_PLUGIN, name) for name in VEGA_FILES]


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


CHART_SCRIPT = """
(async function () {
  const chart = %s;
  const here = new URLSearchParams(location.search);
  if (chart.params.some((name) => !here.get(name))) return;
  const section = document.createElement("section");
  section.className = "vigil-chart";
  const heading = document.createElement("h2");
  heading.textContent = chart.title;
  const box = document.createElement("div");
  box.id = "vigil-chart-" + chart.slug;
  box.style.width = "100%%";
  section.append(heading, box);
  const form = document.querySelector("form.sql");
  if (form) form.after(section); else document.querySelector(".content").prepend(section);
  const query = new URLSearchParams({_shape: "array"});
  for (const name of chart.params) query.set(name, here.get(name));
  const response = await fetch(chart.data_url + "?" + query.toString());
  const rows = response.ok ? await response.json() : null;
  if (!Array.isArray(rows) || rows.length === 0) {
    box.textContent = rows ? "No data for this chart yet." : "The chart data could not be loaded.";
    return;
  }
  const spec = Object.assign({width: "container", height: 260}, chart.spec,
                             {data: {values: rows}});
  await vegaEmbed(box, spec, {mode: "vega-lite", renderer: "svg",
                              actions: {export: true, source: false, compiled: false, editor: false}});
  box.dataset.rendered = "true";
})();
"""


@hookimpl
def extra_body_script(datasette, request):
    found = _chart_for(datasette, request)
    if found is None:
        return None
    slug, chart = found
    database = chart.get("database", "corpus")
    payload = {
        "slug": slug,
        "title": chart.get("title", ""),
        "params": chart.get("params", []),
        "spec": chart["spec"],
        "data_url": f"{datasette.urls.database(database)}/{chart['data']}.json",
    }
    return CHART_SCRIPT % _script_json(payload)


@hookimpl
def forbidden(datasette, request, message):
    if not _settings(datasette).get("login_required") or request.actor:
        return None
    if request.method != "GET":
        return None
    if request.url_vars.get("format") or request.path.endswith(DATA_SUFFIXES):
        return None  # API clients get the plain 403
    return Response.redirect(datasette.urls.path("/-/login"))


def _with_security_headers(message: dict) -> dict:
    headers = list(message.get("headers", []))
    present = {key.lower() for key, _ in headers}
    headers += [(key, value) for key, value in SECURITY_HEADERS if key not in present]
    return {**message, "headers": headers}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def add_headers(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)

            async def send_with_headers(message):
                if message["type"] == "http.response.start":
                    message = _with_security_headers(message)
                await send(message)

            await app(scope, receive, send_with_headers)

        return add_headers

    return wrap
