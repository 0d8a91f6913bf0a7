#!/usr/bin/python3
"""A seeded campaign of hostile requests: valid requests of every service and both ports, mutated, sent as raw bytes,
every answer checked.

    hostile.py BASE TILES_BASE [--cases 5000] [--seed 18] [--clients 4] [--write DIR] [--only N]

Each case is a valid request (KVP GET, XML POST or JSON POST of WMS, WFS, WMTS, WPS, CSW, OGC API, the REST API, the
tile port) with one to three mutations drawn by random.Random(seed + case number): truncation, a wrong namespace,
huge or non-finite numbers, characters XML forbids, deep nesting, wrong encodings, duplicated or missing parameters,
wrong methods, junk or oversize values, broken percent-encoding, flipped bytes, wrong content types, junk credentials.
The same seed gives the same cases; --only N replays case N alone, --write DIR stores each failing case as a .http
file (the format of server/src/test/resources/malformed-corpus).

An answer fails when: its status is 5xx other than 503 with Retry-After (ServerBusy, the database out of reach), 501
with OperationNotSupported (the status OWS Common gives that code) or 505 for a request line of another HTTP version; an error answer (4xx, 503) has a body that
is not a well-formed XML exception report nor a JSON object with "code" (or a problem's "type"); it carries internal
text (Java class or package names, stack frames, SQL, PostgreSQL messages, server paths, HTML); an error report is
larger than 8 KiB; the connection breaks without an answer; it takes longer than 60 s (but a request whose chunked
body stops short, which the server rightly waits for: counted apart after 5 s). Exit status 1 on any failure.
"""
import argparse
import base64
import json
import os
import random
import re
import socket
import sys
import threading
import time
import urllib.parse
import xml.dom.minidom

WFS_NS = "http://www.opengis.net/wfs/2.0"
FES_NS = "http://www.opengis.net/fes/2.0"
FILTER = ('<fes:Filter xmlns:fes="%s"><fes:And><fes:PropertyIsLike wildCard="*" singleChar="." escapeChar="!">'
          '<fes:ValueReference>nom</fes:ValueReference><fes:Literal>A*</fes:Literal></fes:PropertyIsLike>'
          '<fes:PropertyIsGreaterThan><fes:ValueReference>population</fes:ValueReference><fes:Literal>100</fes:Literal>'
          '</fes:PropertyIsGreaterThan></fes:And></fes:Filter>' % FES_NS)

# (port, method, path and query, content type, body)
SEEDS = [
    ("main", "GET", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities", None, None),
    ("main", "GET", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=obs:communes,obs:habitats&STYLES=,"
                    "&CRS=EPSG:2154&BBOX=640000,7060000,660000,7080000&WIDTH=256&HEIGHT=256&FORMAT=image/png", None, None),
    ("main", "GET", "/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=sinp:occurrences&STYLES=&SRS=EPSG:3857"
                    "&BBOX=240000,6560000,280000,6600000&WIDTH=256&HEIGHT=256&FORMAT=image/png"
                    "&CQL_FILTER=" + urllib.parse.quote("cd_nom IN (1,2,3) AND date_debut > '2020-01-01'"), None, None),
    ("main", "GET", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=obs:communes&QUERY_LAYERS=obs:communes"
                    "&STYLES=&CRS=EPSG:2154&BBOX=640000,7060000,660000,7080000&WIDTH=256&HEIGHT=256&I=128&J=128"
                    "&INFO_FORMAT=application/json&FEATURE_COUNT=5", None, None),
    ("main", "GET", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=obs:habitats&FORMAT=image/png",
     None, None),
    ("main", "GET", "/wfs?service=WFS&version=2.0.0&request=GetCapabilities", None, None),
    ("main", "GET", "/wfs?service=WFS&version=2.0.0&request=DescribeFeatureType&typeNames=obs:communes", None, None),
    ("main", "GET", "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=5"
                    "&outputFormat=application/json&bbox=640000,7060000,660000,7080000,EPSG:2154&sortBy=nom", None, None),
    ("main", "GET", "/wfs?service=WFS&version=1.1.0&request=GetFeature&typeName=sinp:occurrences&maxFeatures=5"
                    "&FILTER=" + urllib.parse.quote(FILTER.replace("nom", "nom_valide").replace("population", "cd_nom")),
     None, None),
    ("main", "GET", "/wfs?service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=obs:communes&valueReference=nom"
                    "&count=3", None, None),
    ("main", "POST", "/wfs", "text/xml",
     '<?xml version="1.0" encoding="UTF-8"?><wfs:GetFeature service="WFS" version="2.0.0" count="5" xmlns:wfs="%s" '
     'xmlns:fes="%s" xmlns:gml="http://www.opengis.net/gml/3.2"><wfs:Query typeNames="obs:communes">'
     '<fes:Filter><fes:BBOX><fes:ValueReference>geom</fes:ValueReference><gml:Envelope srsName="EPSG:2154">'
     '<gml:lowerCorner>640000 7060000</gml:lowerCorner><gml:upperCorner>660000 7080000</gml:upperCorner>'
     '</gml:Envelope></fes:BBOX></fes:Filter></wfs:Query></wfs:GetFeature>' % (WFS_NS, FES_NS)),
    ("main", "POST", "/wfs", "text/xml",
     '<wfs:GetFeature service="WFS" version="2.0.0" count="3" xmlns:wfs="%s"><wfs:Query typeNames="obs:communes">%s'
     '</wfs:Query></wfs:GetFeature>' % (WFS_NS, FILTER)),
    ("main", "GET", "/wmts?service=WMTS&version=1.0.0&request=GetCapabilities", None, None),
    ("main", "GET", "/wmts?service=WMTS&version=1.0.0&request=GetTile&layer=obs:communes&style=default"
                    "&format=image/png&tileMatrixSet=WebMercatorQuad&tileMatrix=10&tileRow=343&tileCol=518", None, None),
    ("main", "GET", "/wmts/1.0.0/obs:habitats/default/WebMercatorQuad/12/1373/2073.png", None, None),
    ("tiles", "GET", "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/10/343/518.png", None, None),
    ("tiles", "GET", "/wmts/1.0.0/obs:habitats/default/Lambert93Quad/5/20/10.png", None, None),
    ("main", "GET", "/wps?service=WPS&version=1.0.0&request=GetCapabilities", None, None),
    ("main", "GET", "/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=obs:Connectivity", None, None),
    ("main", "GET", "/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                    "&DataInputs=" + urllib.parse.quote("corridor=1") + "&RawDataOutput=report", None, None),
    ("main", "POST", "/wps", "text/xml",
     '<wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0" '
     'xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Identifier>obs:Connectivity</ows:Identifier><wps:DataInputs>'
     '<wps:Input><ows:Identifier>subNetwork</ows:Identifier><wps:Data><wps:LiteralData>aquatic</wps:LiteralData>'
     '</wps:Data></wps:Input><wps:Input><ows:Identifier>importance</ows:Identifier><wps:Data><wps:LiteralData>false'
     '</wps:LiteralData></wps:Data></wps:Input></wps:DataInputs><wps:ResponseForm><wps:RawDataOutput>'
     '<ows:Identifier>summary</ows:Identifier></wps:RawDataOutput></wps:ResponseForm></wps:Execute>'),
    ("main", "GET", "/csw?service=CSW&version=2.0.2&request=GetCapabilities", None, None),
    ("main", "GET", "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results"
                    "&elementSetName=brief&maxRecords=5&constraintLanguage=CQL_TEXT&constraint_language_version=1.1.0"
                    "&constraint=" + urllib.parse.quote("AnyText LIKE '%commune%'"), None, None),
    ("main", "GET", "/csw?service=CSW&version=2.0.2&request=GetRecordById&id=obs:communes"
                    "&outputSchema=http://www.isotc211.org/2005/gmd", None, None),
    ("main", "POST", "/csw", "application/xml",
     '<csw:GetRecords service="CSW" version="2.0.2" resultType="results" maxRecords="5" '
     'xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc">'
     '<csw:Query typeNames="csw:Record"><csw:ElementSetName>summary</csw:ElementSetName><csw:Constraint version="1.1.0">'
     '<ogc:Filter><ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\\"><ogc:PropertyName>AnyText'
     '</ogc:PropertyName><ogc:Literal>%habitat%</ogc:Literal></ogc:PropertyIsLike></ogc:Filter></csw:Constraint>'
     '</csw:Query></csw:GetRecords>'),
    ("main", "GET", "/ogcapi/collections", None, None),
    ("main", "GET", "/ogcapi/collections/obs:communes/items?limit=5&bbox=2.0,49.0,3.0,50.0"
                    "&filter=" + urllib.parse.quote("nom LIKE 'A%' AND population > 100") + "&filter-lang=cql2-text",
     None, None),
    ("main", "GET", "/ogcapi/collections/obs:communes/items?limit=3&sortby=-nom&properties=nom", None, None),
    ("main", "GET", "/ogcapi/collections/obs:communes/queryables", None, None),
    ("main", "POST", "/ogcapi/processes/obs:CorridorIndicators/execution", "application/json",
     '{"inputs": {"corridor": 1}, "outputs": {"report": {}}}'),
    ("main", "GET", "/ogcapi/collections/obs:habitats/tiles/WebMercatorQuad/10/343/518?f=mvt", None, None),
    ("main", "GET", "/rest/layers", None, None),
    ("main", "GET", "/actuator/health", None, None),
]

HUGE = ["1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809", "NaN", "Infinity", "-0",
        "0x7fffffff", "1" * 400, "4294967296", "2147483648", "1E-400", "0.0000000000000000000000000000001"]
FORBIDDEN_URL = ["%00", "%01", "%1F", "%0B", "%EF%BF%BF", "%EF%BF%BE", "%ED%A0%80", "%C0%AF", "%FF", "%C3"]
FORBIDDEN_XML = ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "&#0;", "&#x1;", "&#xFFFF;", "&#xD800;", "\x7f"]
JUNK = ["", " ", "'", "\"", "<", "&", "%", "%%", "\\", "../../../../etc/passwd", "' OR 1=1 --", "${jndi:ldap://x}",
        "<script>alert(1)</script>", "\u202e", "\u00e9\u00e8", "\uff2c\uff21\uff39\uff25\uff32", "null", "[]", "{}",
        ";", ",,,,", "::::", "*", "?", "#"]
METHODS = ["PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "FOO", "OPTIONS", "HEAD", "POST", "GET"]
NUMBER = re.compile(r"(?<![A-Za-z_:])-?\d+(?:\.\d+)?")


class Request:
    def __init__(self, port, method, target, content_type, body, headers=None):
        self.port = port
        self.method = method
        self.target = target
        self.content_type = content_type
        self.body = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        self.headers = headers or []
        self.version = "HTTP/1.1"
        self.length_lie = None

    def raw(self):
        head = ["%s %s %s" % (self.method, self.target, self.version), "Host: localhost", "Connection: close"]
        if self.content_type:
            head.append("Content-Type: " + self.content_type)
        head += self.headers
        if self.body or self.method in ("POST", "PUT", "PATCH"):
            head.append("Content-Length: %d" % (self.length_lie if self.length_lie is not None else len(self.body)))
        data = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "surrogatepass")
        return data + self.body

    def incomplete(self):
        """Whether the body stops before its chunked encoding ends: the server rightly waits for the rest."""
        return any(h.startswith("Transfer-Encoding: chunked") for h in self.headers) and not self.body.endswith(
            b"0\r\n\r\n")

    def describe(self):
        return "%s %s %s" % (self.port, self.method, self.target[:160])


# ---- mutations: each takes (request, rnd) and changes the request in place; they return a short name ----

def split_query(target):
    path, _, query = target.partition("?")
    return path, [p for p in query.split("&") if p] if query else []


def join_query(path, params):
    return path + ("?" + "&".join(params) if params else "")


def truncate(r, rnd):
    if r.body and rnd.random() < 0.7:
        r.body = r.body[:rnd.randrange(0, len(r.body))]
        return "truncated body"
    r.target = r.target[:rnd.randrange(1, len(r.target) + 1)] or "/"
    return "truncated target"


def wrong_namespace(r, rnd):
    uris = re.findall(rb'xmlns(?::\w+)?="([^"]*)"', r.body) if r.body else []
    if uris:
        spaces = [b"http://www.opengis.net/wfs", b"http://www.opengis.net/wfs/2.0", b"http://www.opengis.net/fes/2.0",
                  b"http://www.opengis.net/cat/csw/3.0", b"http://www.opengis.net/wps/2.0", b"urn:x-nothing", b"",
                  b"http://www.opengis.net/ogc", b"http://www.opengis.net/gml"]
        r.body = r.body.replace(rnd.choice(uris), rnd.choice(spaces), 1)
        return "wrong namespace"
    if r.body:
        r.body = b'{"inputs": {"corridor": 1}, "$schema": "http://www.opengis.net/wps/1.0.0"' + r.body[1:]
        return "foreign key in JSON"
    return set_parameter(r, rnd, value=rnd.choice(["WFS", "WMS", "WPS", "CSW", "WMTS", "wcs", "OWS"]), name="service")


def huge_number(r, rnd):
    if r.body and NUMBER.search(r.body.decode("utf-8", "replace")) and rnd.random() < 0.5:
        text = r.body.decode("utf-8", "replace")
        matches = list(NUMBER.finditer(text))
        m = rnd.choice(matches)
        r.body = (text[:m.start()] + rnd.choice(HUGE) + text[m.end():]).encode("utf-8")
        return "huge number in body"
    matches = list(NUMBER.finditer(r.target))
    if not matches:
        return set_parameter(r, rnd, value=rnd.choice(HUGE))
    m = rnd.choice(matches)
    r.target = r.target[:m.start()] + rnd.choice(HUGE) + r.target[m.end():]
    return "huge number in target"


def forbidden_character(r, rnd):
    where = rnd.choice(["target", "target", "body", "header"])
    if where == "body" and r.body:
        text = r.body.decode("utf-8", "replace")
        at = rnd.randrange(0, len(text) + 1)
        r.body = (text[:at] + rnd.choice(FORBIDDEN_XML) + text[at:]).encode("utf-8", "surrogatepass")
        return "forbidden character in body"
    if where == "header":
        r.headers.append("X-Note: a" + rnd.choice(["\x01", "\x7f", "\u00ff", "\x0b"]) + "b")
        return "forbidden character in a header"
    at = rnd.randrange(1, len(r.target) + 1)
    r.target = r.target[:at] + rnd.choice(FORBIDDEN_URL) + r.target[at:]
    return "forbidden character in target"


def deep_nesting(r, rnd):
    depth = rnd.choice([150, 1000, 20000])
    if r.content_type and "json" in r.content_type:
        r.body = b'{"inputs": {"corridor": ' + b"[" * depth + b"1" + b"]" * depth + b"}}"
        return "JSON nested %d deep" % depth
    if r.body:
        text = r.body.decode("utf-8", "replace")
        tag = rnd.choice(["fes:And", "fes:Not", "ogc:And", "x"])
        prefix = tag.split(":")[0] if ":" in tag else None
        declaration = ' xmlns:%s="%s"' % (prefix, FES_NS if prefix == "fes" else "http://www.opengis.net/ogc") if prefix else ""
        nested = "<%s%s>" % (tag, declaration) + ("<%s>" % tag) * (depth - 1) + ("</%s>" % tag) * depth
        at = text.rfind("</")
        r.body = (text[:at] + nested + text[at:]).encode("utf-8")
        return "XML nested %d deep" % depth
    filt = "<fes:Filter xmlns:fes=\"%s\">" % FES_NS + "<fes:Not>" * depth + "</fes:Not>" * depth + "</fes:Filter>"
    cql = "(" * depth + "nom = 'a'" + ")" * depth
    value = rnd.choice([filt, cql])
    name = "FILTER" if value is filt else rnd.choice(["CQL_FILTER", "filter", "constraint"])
    return set_parameter(r, rnd, value=urllib.parse.quote(value), name=name) + " (nested %d deep)" % depth


def wrong_encoding(r, rnd):
    choice = rnd.randrange(5)
    if r.body and choice == 0:
        r.body = r.body.decode("utf-8", "replace").encode("utf-16")
        return "body in UTF-16 undeclared"
    if r.body and choice == 1:
        text = r.body.decode("utf-8", "replace")
        text = re.sub(r"^<\?xml[^>]*\?>", "", text)
        r.body = ('<?xml version="1.0" encoding="%s"?>' % rnd.choice(["UTF-16", "EBCDIC-XX", "ISO-8859-1", "x"])
                  + text.replace("A*", "\u00e9*")).encode("utf-8")
        return "declared encoding lies"
    if r.body and choice == 2:
        r.body = r.body.replace(b"a", b"\xe9", 3)
        return "Latin-1 bytes in a UTF-8 body"
    if choice == 3:
        r.target += rnd.choice(["%", "%G1", "%4", "%%41", "%u0041", "%C0%80", "%E0%80%AF", "%F8%88%80%80%80"])
        return "broken percent-encoding"
    r.target = r.target.replace("o", "\u00f6", 1).encode("utf-8").decode("latin-1")
    return "raw non-ASCII in the request line"


def duplicate_parameter(r, rnd):
    path, params = split_query(r.target)
    if not params:
        return set_parameter(r, rnd, value="1")
    p = rnd.choice(params)
    name = p.split("=", 1)[0]
    other = rnd.choice(["", "2", "junk", name.upper(), HUGE[0]])
    params.insert(rnd.randrange(0, len(params) + 1), (name.lower() if rnd.random() < 0.5 else name) + "=" + other)
    r.target = join_query(path, params)
    return "duplicated parameter " + name


def drop_parameter(r, rnd):
    path, params = split_query(r.target)
    if not params:
        return truncate(r, rnd)
    params.pop(rnd.randrange(len(params)))
    r.target = join_query(path, params)
    return "missing parameter"


def wrong_method(r, rnd):
    r.method = rnd.choice(METHODS)
    if r.method in ("GET", "HEAD") and r.body:
        return "body with " + r.method
    if r.method == "POST" and not r.body:
        r.body = rnd.choice([b"", b"service=WMS&request=GetMap", b"<a/>", b"{}", b"\x00\x01"])
        r.content_type = rnd.choice(["application/x-www-form-urlencoded", "text/xml", "application/json", None])
    return "method " + r.method


def set_parameter(r, rnd, value=None, name=None):
    path, params = split_query(r.target)
    if name is None and params:
        name = rnd.choice(params).split("=", 1)[0]
    name = name or rnd.choice(["service", "request", "version", "f", "limit"])
    if value is None:
        value = urllib.parse.quote(rnd.choice(JUNK), safe="")
    params = [p for p in params if p.split("=", 1)[0].lower() != name.lower()]
    params.insert(rnd.randrange(0, len(params) + 1), name + "=" + value)
    r.target = join_query(path, params)
    return "parameter %s set to junk" % name


def junk_value(r, rnd):
    if rnd.random() < 0.2:
        return set_parameter(r, rnd, value="x" * rnd.choice([5000, 60000]))
    return set_parameter(r, rnd)


def path_junk(r, rnd):
    path, _, query = r.target.partition("?")
    segments = path.split("/")
    at = rnd.randrange(1, len(segments) + 1)
    segments.insert(at, rnd.choice(["..", "%2e%2e", ".", "", "%2F", "a" * 3000, "%00", ";jsessionid=x", "~", "*",
                                    "obs:nothing", "%25", "..%2F..", "\u00e9"]))
    r.target = "/".join(segments).encode("utf-8").decode("latin-1") + ("?" + query if query else "")
    return "path segment junk"


def flip_bytes(r, rnd):
    if r.body and rnd.random() < 0.6:
        data = bytearray(r.body)
        for _ in range(rnd.randint(1, 4)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        r.body = bytes(data)
        return "flipped bytes in body"
    data = bytearray(r.target.encode("latin-1", "replace"))
    if len(data) < 2:  # a target cut short: room to flip
        data += b"/x"
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randrange(1, len(data))
        data[i] = rnd.choice(b"<>\"'{}|\\^`[] ;=&?#%")
    r.target = data.decode("latin-1")
    return "flipped characters in target"


def wrong_content_type(r, rnd):
    r.content_type = rnd.choice(["text/plain", "application/json", "text/xml; charset=EBCDIC", "multipart/form-data",
                                 "multipart/form-data; boundary=x", "application/octet-stream", ";;;", "text/xml; charset=",
                                 "application/x-www-form-urlencoded", "image/png"])
    if not r.body:
        r.method = "POST"
        r.body = b"<x/>"
    return "content type " + r.content_type


def junk_credentials(r, rnd):
    value = rnd.choice(["Basic", "Basic !!!", "Basic " + base64.b64encode(b"admin").decode(),
                        "Basic " + base64.b64encode(b"admin:\x00").decode(),
                        "Basic " + base64.b64encode(b"\xff\xfe:\xff").decode(),
                        "Basic " + base64.b64encode(b"a" * 5000 + b":b").decode(), "Bearer x.y.z", "Digest x", "",
                        "Basic " + "=" * 10])
    r.headers.append(rnd.choice(["Authorization: ", "X-API-Key: "]) + value)
    return "junk credentials"


def length_lie(r, rnd):
    if not r.body:
        r.method = "POST"
        r.body = b"<a/>"
    r.length_lie = rnd.choice([0, max(0, len(r.body) - 5), -1, 2 ** 63])
    if r.length_lie > len(r.body) or r.length_lie < 0:
        r.length_lie = None  # a longer length only makes the server wait: replaced by a chunked lie
        r.headers.append("Transfer-Encoding: chunked")
        r.body = b"zz\r\n" + r.body + b"\r\n0\r\n\r\n"
        return "bad chunk size"
    return "Content-Length shorter than the body"


def http_version(r, rnd):
    r.version = rnd.choice(["HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1 extra", "http/1.1", ""])
    return "request line version %r" % r.version


MUTATIONS = [truncate, wrong_namespace, huge_number, forbidden_character, deep_nesting, wrong_encoding,
             duplicate_parameter, drop_parameter, wrong_method, junk_value, path_junk, flip_bytes, wrong_content_type,
             junk_credentials, length_lie, http_version, huge_number, forbidden_character, junk_value,
             duplicate_parameter]


def case(number, seed):
    rnd = random.Random("%d-%d" % (seed, number))
    port, method, target, content_type, body = rnd.choice(SEEDS)
    r = Request(port, method, target, content_type, body)
    names = [rnd.choice(MUTATIONS)(r, rnd) for _ in range(rnd.choice([1, 1, 1, 2, 3]))]
    return r, names


# ---- sending and checking ----

INTERNALS = re.compile(
    r"\b(?:java|javax|jakarta|org\.springframework|org\.apache|org\.postgresql|org\.geotools|org\.locationtech|"
    r"com\.zaxxer|fr\.yseraa|sun|jdk)\.[a-z]+|\bat [\w$.]+\([\w$]+\.java:\d+\)|[A-Z]\w+(?:Exception|Error)\b(?!Report)|"
    r"\bERROR: |\bFATAL: |\bSQLSTATE|\bsyntax error at or near|\bSELECT .{1,200}? FROM |/work/|/root/|/tmp/|/usr/lib|"
    r"\.local/|<html|<!doctype|\bWhitelabel|Apache Tomcat|\bNullPointer|\bnull pointer")
ALLOWED = re.compile(r"ExceptionReport|ServiceException(?:Report)?|ExceptionText|ows:Exception\b|<Exception\b|"
                     r"</Exception>|Exception exceptionCode|NoApplicableCode")


def receive(sock):
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def parse(answer):
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    if "chunked" in headers.get("transfer-encoding", ""):
        data, rest = b"", body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line.split(b";")[0] or b"0", 16)
            if size == 0:
                break
            data, rest = data + rest[:size], rest[size + 2:]
        body = data
    return status, headers, body


def check(request, status, headers, body):
    """None, or what is wrong with the answer."""
    documented = (status == 503 and "retry-after" in headers  # ServerBusy, the database out of reach
                  # OWS Common's status for OperationNotSupported (a HEAD's answer has no body to show it)
                  or status == 501 and (b"OperationNotSupported" in body or request.method == "HEAD")
                  or status == 505 and not request.version.startswith("HTTP/1."))  # HTTP's, for HTTP/2.0 and 9.9
    if status >= 500 and not documented:
        return "status %d" % status
    text = body.decode("utf-8", "replace")
    scrubbed = ALLOWED.sub("", text)
    m = INTERNALS.search(scrubbed)
    if m and status >= 300:
        return "internal text %r" % m.group(0)
    if status < 400 or request.method == "HEAD" or status == 405 and not body:
        return None
    if len(body) > 8192:
        return "an error report of %d bytes" % len(body)
    kind = headers.get("content-type", "")
    if not body:
        return "an empty error answer"
    if "json" in kind:
        try:
            document = json.loads(text)
        except ValueError:
            return "an error in JSON that does not parse"
        if not isinstance(document, dict) or not ("code" in document or "type" in document):
            return "a JSON error without code: %r" % text[:200]
        return None
    if "xml" in kind:
        try:
            root = xml.dom.minidom.parseString(body).documentElement
        except Exception as e:  # noqa: BLE001 — any parser failure is the finding
            return "an XML error report that does not parse (%s)" % e
        if "Exception" not in root.tagName:
            return "an XML error answer whose root is %s" % root.tagName
        return None
    return "an error answer of type %r: %r" % (kind, text[:200])


def send(request, bases, timeout=60):
    base = bases[request.port]
    began = time.monotonic()
    with socket.create_connection((base.hostname, base.port), timeout=timeout) as s:
        try:
            s.sendall(request.raw())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may refuse before reading everything: its answer is what counts
        answer = receive(s)
    return answer, time.monotonic() - began


def run(number, seed, bases, results, failures, lock, write):
    request, names = case(number, seed)
    try:
        answer, seconds = send(request, bases, timeout=5 if request.incomplete() else 60)
        if not answer:
            problem, status = "no answer (connection closed)", "none"
        else:
            status, headers, body = parse(answer)
            problem = check(request, status, headers, body)
            if problem is None and seconds > 60:
                problem = "took %.0f s" % seconds
    except socket.timeout:
        if request.incomplete():  # what HTTP asks: wait for the rest, until the connection's own time-out
            problem, status, seconds = None, "waiting for the rest of the body", 5
        else:
            problem, status, seconds = "no answer within 60 s", "timeout", 60
    except (OSError, ValueError, IndexError) as e:
        problem, status, seconds = "unreadable answer (%s)" % type(e).__name__, "broken", 0
    with lock:
        results.append((status, seconds))
        if problem:
            failures.append((number, problem, ", ".join(names), request.describe()))
            if write:
                os.makedirs(write, exist_ok=True)
                with open(os.path.join(write, "case-%05d.http" % number), "wb") as f:
                    f.write(("# what: case %d of seed %d: %s\n# found: %s\n" % (number, seed, ", ".join(names), problem))
                            .encode("utf-8", "surrogatepass") + request.raw())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("tiles")
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--write")
    parser.add_argument("--only", type=int)
    args = parser.parse_args()
    bases = {"main": urllib.parse.urlsplit(args.base), "tiles": urllib.parse.urlsplit(args.tiles)}
    numbers = [args.only] if args.only is not None else list(range(args.cases))
    results, failures, lock = [], [], threading.Lock()
    queue = iter(numbers)
    queue_lock = threading.Lock()

    def worker():
        while True:
            with queue_lock:
                number = next(queue, None)
            if number is None:
                return
            run(number, args.seed, bases, results, failures, lock, args.write)

    began = time.time()
    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    times = sorted(s for _, s in results)
    print("%d cases (seed %d) in %.0f s; statuses: %s" % (len(results), args.seed, time.time() - began,
          ", ".join("%s x %d" % kv for kv in sorted(statuses.items(), key=lambda kv: str(kv[0])))))
    if times:
        print("time per case: median %d ms, p99 %d ms, max %d ms"
              % (1000 * times[len(times) // 2], 1000 * times[int(0.99 * (len(times) - 1))], 1000 * times[-1]))
    kinds = {}
    for f in failures:
        kinds.setdefault(re.sub(r"'.*|\d+", "…", f[1]), []).append(f)
    print("failures: %d" % len(failures))
    for kind, items in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print("  %4d × %s" % (len(items), kind))
        for number, problem, names, described in items[:3]:
            print("         case %d: %s [%s] %s" % (number, problem[:150], names, described[:150]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
