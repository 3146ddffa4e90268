"""The axe-core sweep (tests/browser/test_axe_sweep.py, issue 19 item 6): which pages and forms a role is shown.

The pages come from the Dutch crawl's walk (tests/casework/web/crawl_support.py): every page a role reaches from the
dashboard by links and GET forms, one per URL pattern (per case type, and per status in `make test-full`), on the
demo data. Its POST forms are kept too: each is sent empty to see its error state, and a form's own page is visited
when its view also answers GET (many forms sit on a case page but have a page of their own for an error answer).

What counts as a page of the web UI is read from the URLconf (`django.urls.get_resolver()`): every pattern whose view
answers GET, outside the exclusions below, so a page added later is swept (and must be reachable) without editing
the test."""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.casework.web import crawl_support

# Route prefixes and names that are no page of the web UI, each with why. Keep short.
EXCLUDED_PREFIXES = {
    "api/": "the JSON API: no HTML; its contract is tested against the OpenAPI document (tests/casework/api)",
}
EXCLUDED_NAMES = {
    "accounts:login": "the page before logging in: tests/browser/test_login_flow.py runs axe-core on it, also refused",
    "accounts:sso_start": "a redirect to the organisation's identity provider, no page",
    "accounts:sso_callback": "the identity provider's redirect back, no page",
    "casework:privacy_person_audit_results": "reached only by POSTing a BSN (never a URL to follow: the handle is "
                                             "made by the search); the sweep reaches it as the search form's answer",
}
# Pages of the web UI that no demo role reaches by links or forms (make test-full's walk, 4 pages per pattern), each
# with why: the sweep does not check them. tests/browser/test_axe_sweep.py demands this list be exact, so a page added
# later that the walk cannot reach fails there, and an entry whose page becomes reachable must go.
NOT_REACHED: dict[str, str] = {
    "cases/<uuid:case_id>/break-glass/": "offered on the refusal (403) of a case the user may not see; the walk "
                                         "follows pages answered 200",
    "cases/<uuid:case_id>/documenten/<uuid:document_id>/versies/<int:number>/bekijken/":
        "the demo template keeps the databases, not the stored files (tests/dbtemplates.py): a preview answers 404",
    "park/objects/<uuid:object_id>/residence/new/": "offered only with a BRP connection; the test settings have none",
    "privacy/retention/batches/<uuid:batch_id>/": "a destruction batch exists once the privacy officer proposes one "
                                                  "(a POST the sweep does not make); the demo proposes none",
    # Rows the demo does not have in the state that offers the page:
    "cases/<uuid:case_id>/applications/<uuid:row_id>/decide/": "no pending application (Awb 4:13)",
    "cases/<uuid:case_id>/applications/<uuid:row_id>/delay/": "no pending application (Awb 4:13)",
    "cases/<uuid:case_id>/damocles/appeals/<uuid:appeal_id>/": "no appeal in a Damocles procedure",
    "cases/<uuid:case_id>/damocles/approval/<uuid:approval_id>/": "no pending four-eyes approval",
    "cases/<uuid:case_id>/park/appeals/<uuid:row_id>/": "no appeal in a park file",
    "cases/<uuid:case_id>/park/approval/<uuid:approval_id>/": "no pending four-eyes approval",
    "cases/<uuid:case_id>/park/collection/requests/<uuid:row_id>/decide/": "no pending collection request",
    "cases/<uuid:case_id>/park/collection/requests/<uuid:row_id>/delay/": "no pending collection request",
    "cases/<uuid:case_id>/park/forfeitures/<uuid:row_id>/expire/": "no forfeiture past its limitation date",
    "cases/<uuid:case_id>/park/limitation-events/<uuid:row_id>/end/": "no open limitation event",
    "park/objects/<uuid:object_id>/tolerance/<uuid:decision_id>/end/": "the tolerance decisions sit on objects the "
                                                                       "walk's 4 object pages do not include",
}
# A file, not a page: a download (CSV, PDF, spreadsheet, a document's content) or a letter to print.
DOWNLOAD = re.compile(r"(\.(csv|pdf|xlsx|html|<str:fmt>)$)|(/(download|document|export/<slug:fmt>)/$)"
                      r"|(^cases/<uuid:case_id>/park/photos/)")


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name or ''}", entry


def allowed_methods(view: Callable) -> set[str] | None:
    """The HTTP methods a view accepts, read from `require_http_methods` (or a class-based view); None: any."""
    current: Callable | None = view
    while current is not None:
        if hasattr(current, "view_class"):
            return {name.upper() for name in current.view_class.http_method_names if hasattr(current.view_class, name)}
        if inspect.isfunction(current) and current.__closure__:
            names = dict(zip(current.__code__.co_freevars, current.__closure__, strict=True))
            if "request_method_list" in names:
                return set(names["request_method_list"].cell_contents)
        current = getattr(current, "__wrapped__", None)
    return None


def is_excluded(route: str, name: str) -> bool:
    return route.startswith(tuple(EXCLUDED_PREFIXES)) or name in EXCLUDED_NAMES or bool(DOWNLOAD.search(route))


def web_get_routes() -> dict[str, str]:
    """route -> name of every URL pattern of the web UI that answers GET (the exclusions aside); test apps'
    patterns (tests/testapps, only in the test settings) are no part of the product."""
    routes = {}
    for route, name, pattern in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "") or ""
        methods = allowed_methods(pattern.callback)
        if module.startswith("tests.") or is_excluded(route, name) or (methods is not None and "GET" not in methods):
            continue
        routes[route] = name
    return routes


def route_of(url: str) -> tuple[str, str] | None:
    """(route, name) of a local URL, or None."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.route, match.view_name


def answers_get(url: str) -> bool:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    methods = allowed_methods(match.func)
    return methods is None or "GET" in methods


@dataclass
class RolePages:
    """What the sweep visits for one role: pages (local URLs) and forms (page URL, action URL)."""

    pages: list[str] = field(default_factory=list)
    forms: list[tuple[str, str]] = field(default_factory=list)
    routes: set[str] = field(default_factory=set)  # every route reached: pages, and forms' actions

    def sample(self, role: str, pages: int) -> RolePages:
        """A fixed choice, by a stable hash of role and URL pattern (the same on every run and machine): the first
        `pages` pages, and every form in that order (the sweep stops after the first ones that have a field)."""
        def rank(url: str) -> str:
            found = route_of(url)
            return hashlib.sha256(f"{role}|{found[0] if found else url}".encode()).hexdigest()

        return RolePages(pages=sorted(self.pages, key=rank)[:pages],
                         forms=sorted(self.forms, key=lambda form: rank(form[1])), routes=self.routes)


class _NoChecks:
    """The crawl's checker, switched off: the sweep wants its walk, not its Dutch-text findings."""

    def findings(self, page) -> Iterator:
        return iter(())


def role_pages(client, *, by_status: bool, per_pattern: int = 1, max_pages: int | None = None) -> RolePages:
    """Walk as the logged-in `client` (crawl_support.crawl: `per_pattern` pages per URL pattern, more find the
    forms of rows in other states) and keep one page per pattern key and one form per action key; a form whose
    view also answers GET is visited as a page too."""
    found = RolePages()
    page_keys: set = set()
    form_keys: set = set()
    actions: list[tuple[str, str]] = []

    def on_page(page: crawl_support.Page) -> None:
        local = _local(page.url)
        key = _key(local, by_status)
        if key is not None and key not in page_keys:
            page_keys.add(key)
            found.pages.append(local)
            found.routes.add(key[0])
        actions.extend((local, _local(action)) for action in page.post_actions)

    errors: list = []
    crawl_support.crawl(client, per_pattern=per_pattern, checker=_NoChecks(), server_errors=errors, by_status=by_status,
                        max_pages=max_pages, on_page=on_page)
    assert not errors, errors
    for page_url, action in actions:
        key = _key(action, by_status)
        if key is None or key in form_keys or is_excluded(key[0], route_of(action)[1]):  # type: ignore[index]
            continue
        form_keys.add(key)
        found.forms.append((page_url, action))
        found.routes.add(key[0])
        if key not in page_keys and answers_get(action):
            page_keys.add(key)
            found.pages.append(action)
    return found


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _key(url: str, by_status: bool):
    parts = urlsplit(url)
    return crawl_support._pattern_key(parts.path, parts.query, by_status)


# --- in the browser -------------------------------------------------------------------------------------------

# The POST forms of the page and how many fields each has to leave empty: [{index, action, fields}] (index among
# the POST forms). Attributes, not properties: a field named "method" or "action" hides the form's own.
_POST_FORMS = ("[...document.querySelectorAll('form')]"
               ".filter(f => (f.getAttribute('method') || '').toLowerCase() === 'post')")
POST_FORMS_JS = f"""() => {_POST_FORMS}
    .map((f, index) => ({{index, action: new URL(f.getAttribute('action') || '', document.baseURI).href,
        fields: [...f.elements].filter(e => !['hidden', 'submit', 'button', 'reset', 'image'].includes(e.type)
                                            && ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName)).length}}))"""

# Empty every field of POST form number `index` and send it with its main button (the last one that is not an htmx
# partial update), without the browser's own checks: the server must answer with its field errors.
SEND_EMPTY_JS = f"""(index) => {{
    const form = {_POST_FORMS}[index];
    form.noValidate = true;
    for (const element of form.elements) {{
        if (['hidden', 'submit', 'button', 'reset', 'image', 'file'].includes(element.type)) continue;
        if (element.type === 'checkbox' || element.type === 'radio') element.checked = false;
        else if (element.tagName === 'SELECT') {{ element.selectedIndex = -1; }}
        else if ('value' in element) element.value = '';
    }}
    const buttons = [...form.querySelectorAll('button, input[type=submit]')]
        .filter(b => (b.type || 'submit') === 'submit' && !b.hasAttribute('hx-post'));
    HTMLFormElement.prototype.requestSubmit.call(form, buttons.length ? buttons[buttons.length - 1] : undefined);
}}"""

ERROR_STATE_JS = """() => !!document.querySelector('.app-error-summary, [aria-invalid="true"]')"""
