"""An XMP packet carrying the provenance JSON in one custom property."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from html import escape

from ._provenance import MAX_TEXT_BYTES

NAMESPACE = "https://lemondata.cc/ns/lemon-desktop/1.0/"
PROPERTY = "provenance"
_XMP_NOTE = "http://ns.adobe.com/xmp/note/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# Foreign XMP can be big but never needs to be this big; refuse to parse more.
_MAX_PARSE = MAX_TEXT_BYTES


def _escape(text: str) -> str:
    # &, < and > (what xml.sax.saxutils.escape does, without importing urllib and ssl).
    return escape(text, quote=False)


def packet(json_text: str | None, *, extended_guid: str | None = None) -> bytes:
    """A complete XMP packet; either the JSON itself or a pointer to extended XMP."""
    if extended_guid is not None:
        body = f"<xmpNote:HasExtendedXMP>{_escape(extended_guid)}</xmpNote:HasExtendedXMP>"
    else:
        body = f"<lemon:{PROPERTY}>{_escape(json_text or '')}</lemon:{PROPERTY}>"
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{_RDF}">'
        f'<rdf:Description rdf:about="" xmlns:lemon="{NAMESPACE}"'
        f' xmlns:xmpNote="{_XMP_NOTE}">{body}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def extended_guid(extended_packet: bytes) -> str:
    # The XMP spec names extended XMP by the MD5 of its serialized packet.
    return hashlib.md5(extended_packet, usedforsecurity=False).hexdigest().upper()


def _root(data: bytes) -> ET.Element | None:
    if len(data) > _MAX_PARSE or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None  # no DTDs: XMP never needs them and they enable entity bombs
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        start = data.find(b"<rdf:RDF")
    end_meta = data.rfind(b"</x:xmpmeta>")
    if start < 0:
        return None
    xml = data[start : end_meta + len(b"</x:xmpmeta>")] if end_meta > start else data[start:]
    try:
        return ET.fromstring(xml.rstrip(b"\x00 \n\r\t"))
    except ET.ParseError:
        return None


def _find_value(data: bytes, namespace: str, name: str) -> str | None:
    root = _root(data)
    if root is None:
        return None
    qualified = f"{{{namespace}}}{name}"
    for element in root.iter():
        # Writers may use an element or the attribute shorthand.
        if element.tag == qualified and element.text:
            return element.text
        value = element.attrib.get(qualified)
        if value:
            return value
    return None


def read_json_text(data: bytes) -> str | None:
    return _find_value(data, NAMESPACE, PROPERTY)


def read_extended_guid(data: bytes) -> str | None:
    return _find_value(data, _XMP_NOTE, "HasExtendedXMP")


DC = "http://purl.org/dc/elements/1.1/"
IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"


def read_text(data: bytes, namespace: str, name: str) -> str | None:
    """A property's text: a simple value, or the first item of an rdf:Alt/Seq/Bag
    (dc:description is a language alternative)."""
    root = _root(data)
    if root is None:
        return None
    qualified = f"{{{namespace}}}{name}"
    for element in root.iter():
        value = element.attrib.get(qualified)
        if value:
            return value
        if element.tag != qualified:
            continue
        if element.text and element.text.strip():
            return element.text
        item = next(element.iter(f"{{{_RDF}}}li"), None)
        if item is not None and item.text:
            return item.text
    return None
