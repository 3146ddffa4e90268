"""Reading a rendered form the way assistive technology does (docs/adr/0021-form-pattern.md): which ids
an input's aria-describedby names, whether those elements exist and what they say, and the error
summary's links. html.parser, as the Dutch crawl (crawl_support.py) uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CONTROLS = {"input", "select", "textarea"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text) inside this element


class FormPage(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, Element] = {}
        self.controls: list[Element] = []
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self._link: tuple[str, list[str]] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if "id" in element.attrs:
            self.by_id[element.attrs["id"]] = element
        if tag in CONTROLS and element.attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(element)
        if tag == "a":
            self._link = (element.attrs.get("href", ""), [])
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            href, parts = self._link
            for element in self._open:
                element.links.append((href, " ".join("".join(parts).split())))
            self._link = None
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if self._link is not None:
            self._link[1].append(data)

    # --- what the tests ask -----------------------------------------------------------------------

    def control(self, name: str) -> Element:
        return next(c for c in self.controls if c.attrs.get("name") == name)

    def described_by(self, element: Element) -> list[str]:
        """The texts of the elements aria-describedby names; a dangling id fails here."""
        ids = element.attrs.get("aria-describedby", "").split()
        missing = [i for i in ids if i not in self.by_id]
        assert not missing, f"aria-describedby names missing ids {missing}"
        return [" ".join(self.by_id[i].text.split()) for i in ids]

    def summary(self) -> Element | None:
        return next((e for e in self.elements if "app-error-summary" in e.attrs.get("class", "").split()), None)

    def invalid_controls(self) -> list[Element]:
        return [c for c in self.controls if c.attrs.get("aria-invalid") == "true"]


def check_linked(page: FormPage) -> None:
    """Every visible control's aria-describedby points at existing elements; every invalid control is named
    in the summary and described by its error message."""
    for control in page.controls:
        page.described_by(control)
    summary = page.summary()
    invalid = page.invalid_controls()
    if invalid:
        assert summary is not None
        targets = {href.lstrip("#") for href, _ in summary.links}
        for control in invalid:
            fieldset_member = control.attrs.get("type") in ("radio", "checkbox") and \
                "aria-describedby" not in control.attrs
            if not fieldset_member:
                assert control.attrs["id"] in targets
                assert any(text.startswith("Fout:") for text in page.described_by(control))
        for target in targets:
            assert target in page.by_id, f"summary link to missing #{target}"
