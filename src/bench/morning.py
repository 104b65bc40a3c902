#!/usr/bin/env python3
"""The morning peak through the pages (issue 22.3): managers open the portal before the 10:00 deadline, sign in,
see the home page, open the daily report and file the one-click zero-report (a PrimeFaces AJAX post), each
manager once, arriving at a fixed rate (an open loop: a slow portal does not slow the arrivals down).

    morning.py BASE MODE RATE SECONDS USERS_FILE [WORKERS]

MODE password:   GET /login.xhtml, POST the login form (PBKDF2 of the password), GET /index.xhtml,
                 GET /firm/reports.xhtml, POST the zero-report.          USERS_FILE lines: "username"
MODE remembered: GET /index.xhtml with the device's LOOPGATE_REMEMBER cookie and no session (signs in without a
                 password), GET /firm/reports.xhtml, POST the zero-report. USERS_FILE lines: "username cookie"
MODE signin:     password sign-ins only (GET and POST /login.xhtml), WORKERS at a time, back to back, for SECONDS:
                 the sign-ins per second the PBKDF2 cost allows (RATE is ignored).

Prints one STATS line per step (ms) and one for the whole flow measured from the manager's arrival (so queueing
in front of a saturated portal counts), plus the rate reached and this client's own CPU seconds (it shares the
machine's cores with the portal):

    STATS step=login_post n=.. p50=.. p95=.. p99=.. max=..
    STATS step=flow n=.. ok=.. failed=.. p50=.. p95=.. p99=.. max=.. arrivals_per_s=.. done_per_s=.. client_cpu_s=..
Standard library only.
"""
import concurrent.futures
import http.cookiejar
import math
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

VIEW_STATE = re.compile(r'name="jakarta.faces.ViewState"[^>]*value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def pct(ts, q):
    ts = sorted(ts)
    return ts[min(len(ts) - 1, max(0, math.ceil(q * len(ts)) - 1))] if ts else float("nan")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Failed(Exception):
    pass


class Manager:
    """One phone: its own cookies, redirects not followed (the login answers 302)."""

    def __init__(self, base, timings, lock):
        self.base, self.timings, self.lock = base, timings, lock
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def send(self, step, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        t0 = time.perf_counter()
        try:
            with self.opener.open(req, timeout=120) as r:
                status, hdrs, text = r.status, r.headers, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            status, hdrs, text = e.code, e.headers, e.read().decode("utf-8", "replace")
        ms = 1000 * (time.perf_counter() - t0)
        with self.lock:
            self.timings.setdefault(step, []).append(ms)
        return status, hdrs, text

    def remember(self, cookie):
        c = http.cookiejar.Cookie(0, "LOOPGATE_REMEMBER", cookie, None, False, urllib.parse.urlparse(self.base).hostname,
                                  False, False, "/", True, False, None, False, None, None, {})
        self.jar.set_cookie(c)

    def sign_in(self, user):
        status, _, page = self.send("login_get", "/login.xhtml")
        m = VIEW_STATE.search(page)
        if status != 200 or not m:
            raise Failed("login page: HTTP %s" % status)
        status, headers, _ = self.send("login_post", "/login.xhtml", data={
            "login": "login", "login:username": user, "login:password": "loopgate123", "login:submit": "",
            "jakarta.faces.ViewState": m.group(1)})
        if status != 302 or not headers.get("Location", "").endswith("/index.xhtml"):
            raise Failed("login: HTTP %s %s" % (status, headers.get("Location")))

    def home(self):
        status, _, page = self.send("home", "/index.xhtml")
        if status != 200 or "top:logout" not in page:
            raise Failed("home page: HTTP %s%s" % (status, "" if status != 200 else " (not signed in)"))

    def zero_report(self):
        status, _, page = self.send("report_page", "/firm/reports.xhtml")
        vs, nonce = VIEW_STATE.search(page), NONCE.search(page)
        if status != 200 or not vs or "report:zero" not in page:
            raise Failed("report page: HTTP %s" % status)
        data = {"jakarta.faces.partial.ajax": "true", "jakarta.faces.source": "report:zero",
                "jakarta.faces.partial.execute": "report:zero", "jakarta.faces.partial.render": "report history",
                "report:zero": "report:zero", "report": "report", "jakarta.faces.ViewState": vs.group(1)}
        if nonce:
            data["primefaces.nonce"] = nonce.group(1)
        status, _, r = self.send("zero_post", "/firm/reports.xhtml", data=data,
                                 headers={"Faces-Request": "partial/ajax", "X-Requested-With": "XMLHttpRequest"})
        if status != 200 or "<partial-response" not in r or "<error>" in r or "report:filed" not in r:
            raise Failed("zero-report: HTTP %s %s" % (status, r[:200]))


def main():
    base, mode, rate, seconds, users_file = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    workers = int(sys.argv[6]) if len(sys.argv) > 6 else 128
    users = [l.split() for l in open(users_file, encoding="utf-8") if l.strip()]
    timings, lock = {}, threading.Lock()
    flows, failures = [], []
    cpu0 = os.times()

    def flow(user, arrival):
        m = Manager(base, timings, lock)
        try:
            if mode == "remembered":
                m.remember(user[1])
            else:
                m.sign_in(user[0])
            if mode != "signin":
                m.home()
                m.zero_report()
            with lock:
                flows.append(1000 * (time.perf_counter() - arrival))
        except (Failed, OSError) as e:
            with lock:
                failures.append(str(e))

    t_start = time.perf_counter()
    if mode == "signin":
        stop = t_start + seconds
        it = iter(users)

        def loop():
            while time.perf_counter() < stop:
                with lock:
                    u = next(it, None)
                if u is None:
                    return
                flow(u, time.perf_counter())
        threads = [threading.Thread(target=loop) for _ in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        arrivals = len(flows) + len(failures)
    else:
        n = min(len(users), int(rate * seconds))
        if n < int(rate * seconds):
            sys.exit("%s holds %d managers, %d needed" % (users_file, len(users), int(rate * seconds)))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            for i in range(n):
                due = t_start + i / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(flow, users[i], due)
        arrivals = n
    elapsed = time.perf_counter() - t_start
    cpu1 = os.times()
    for step in ("login_get", "login_post", "home", "report_page", "zero_post"):
        ts = timings.get(step, [])
        if ts:
            print("STATS step=%s n=%d p50=%.0f p95=%.0f p99=%.0f max=%.0f" % (step, len(ts), pct(ts, .5), pct(ts, .95), pct(ts, .99), max(ts)))
    print("STATS step=flow n=%d ok=%d failed=%d p50=%.0f p95=%.0f p99=%.0f max=%.0f arrivals_per_s=%.1f done_per_s=%.1f client_cpu_s=%.1f"
          % (arrivals, len(flows), len(failures), pct(flows, .5), pct(flows, .95), pct(flows, .99), max(flows or [float("nan")]),
             arrivals / (seconds if mode != "signin" else elapsed), len(flows) / elapsed,
             (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system)))
    for f in sorted(set(failures))[:5]:
        print("FAILED %s" % f, file=sys.stderr)


if __name__ == "__main__":
    main()
