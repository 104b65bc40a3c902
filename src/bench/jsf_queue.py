#!/usr/bin/env python3
"""The liaison's approval queue page (/liaison/cards.xhtml) under a signed-in session, for src/bench/bulk.sh.

    jsf_queue.py BASE USER PASSWORD SAMPLES

Signs in through the login form, then times SAMPLES full page GETs (a fresh view each time, the first lazy
page rendered) and SAMPLES pagination requests of the batches table (PrimeFaces AJAX, pages 2, 3, ... of
the same view), after one warm-up of each, and as a baseline SAMPLES GETs of the home page (/index.xhtml: same layout, no
table). Prints one STATS line per kind:

    STATS kind=home n=.. rows=0 p50=.. p95=.. max=..
    STATS kind=get n=.. rows=.. p50=.. p95=.. max=..        (ms; rows = table rows in the last answer)
    STATS kind=page n=.. rows=.. p50=.. p95=.. max=..       (kind=page n=0 when the table has no paginator)
"""
import http.cookiejar
import math
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

VIEW_STATE = re.compile(r'name="jakarta.faces.ViewState"[^>]*value="([^"]+)"')
# ViewState inside a partial response: <update id="...ViewState..."><![CDATA[...]]>
PARTIAL_STATE = re.compile(r'ViewState[^"]*"><!\[CDATA\[([^\]]+)\]\]>')
ROW = re.compile(r'<tr[^>]+data-ri="(\d+)"')
NONCE = re.compile(r'nonce="([^"]+)"')  # PrimeFaces CSP mode: AJAX posts carry the page's nonce


def pct(ts, q):
    ts = sorted(ts)
    return ts[min(len(ts) - 1, max(0, math.ceil(q * len(ts)) - 1))]


def stats(kind, times, rows):
    if not times:
        print("STATS kind=%s n=0 rows=0 p50=- p95=- max=-" % kind)
        return
    print("STATS kind=%s n=%d rows=%d p50=%.0f p95=%.0f max=%.0f"
          % (kind, len(times), rows, pct(times, 0.5), pct(times, 0.95), max(times)))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Session:
    """Cookies kept, redirects not followed (the login answers 302); standard library only."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())

    def send(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.headers, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")


def main():
    base, user, password, samples = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    s = Session()
    vs = VIEW_STATE.search(s.send(base + "/login.xhtml")[2]).group(1)
    status, headers, _ = s.send(base + "/login.xhtml", data={
        "login": "login", "login:username": user, "login:password": password, "login:submit": "",
        "jakarta.faces.ViewState": vs})
    if status != 302 or not headers.get("Location", "").endswith("/index.xhtml"):
        sys.exit("login failed: %s %s" % (status, headers.get("Location")))

    # Baseline: the home page of the same session (same layout and menus, no table): the floor of a JSF page here.
    home = []
    for i in range(samples + 1):
        t0 = time.perf_counter()
        status, _, _ = s.send(base + "/index.xhtml")
        if status != 200:
            sys.exit("home page: HTTP %s" % status)
        if i > 0:
            home.append(1000 * (time.perf_counter() - t0))
    stats("home", home, 0)

    url = base + "/liaison/cards.xhtml"
    gets, page = [], None
    for i in range(samples + 1):
        t0 = time.perf_counter()
        status, _, page = s.send(url)
        ms = 1000 * (time.perf_counter() - t0)
        if status != 200 or "review:batches" not in page:
            sys.exit("queue page: HTTP %s" % status)
        if i > 0:
            gets.append(ms)
    stats("get", gets, len(ROW.findall(page)))

    pages = []
    rows = 0
    if "review:batches_paginator" in page or "ui-paginator" in page:
        m = re.search(r'review:batches_rows[^0-9]*?(\d+)|rows:(\d+)', page)
        size = int(next(g for g in m.groups() if g)) if m else 20
        vs = VIEW_STATE.search(page).group(1)
        nonce = NONCE.search(page).group(1)
        for i in range(samples + 1):
            first = size * (1 + i % 20)
            t0 = time.perf_counter()
            status, _, r = s.send(url, headers={"Faces-Request": "partial/ajax", "X-Requested-With": "XMLHttpRequest"}, data={
                "jakarta.faces.partial.ajax": "true", "jakarta.faces.source": "review:batches",
                "jakarta.faces.partial.execute": "review:batches", "jakarta.faces.partial.render": "review:batches",
                "review:batches": "review:batches", "review:batches_pagination": "true",
                "review:batches_first": str(first), "review:batches_rows": str(size),
                "review:batches_skipChildren": "true", "review:batches_encodeFeature": "true",
                "review": "review", "jakarta.faces.ViewState": vs, "primefaces.nonce": nonce})
            ms = 1000 * (time.perf_counter() - t0)
            if status != 200 or "<partial-response" not in r or "<error>" in r:
                sys.exit("pagination: HTTP %s %s" % (status, r[:300]))
            ri = ROW.findall(r)
            if not ri or int(ri[0]) != first:
                sys.exit("pagination: asked for rows from %d, got %s" % (first, ri[:1]))
            rows = len(ri)
            m = PARTIAL_STATE.search(r)
            if m:
                vs = m.group(1)
            if i > 0:
                pages.append(ms)
    stats("page", pages, rows)


if __name__ == "__main__":
    main()
