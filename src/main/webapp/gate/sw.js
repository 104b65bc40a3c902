/*
 * The guard's page offline (docs/pages.md "Gate scanner"). Lives in /gate/ so that its scope is the guard's
 * pages and nothing else (a worker under /resources/ could not control /gate/ without an extra header).
 * Network first for every GET it handles: online the guard always gets the current page and scripts; when the
 * network fails, the copy kept here answers. The page tells the worker which of its files to keep (it knows
 * what it loaded). The API is never cached here: verdicts, keys and the revocation list are handled by the
 * page itself (gate-offline.js), which checks their signatures and ages.
 */
'use strict';

var CACHE = 'loopgate-gate-v1';

self.addEventListener('install', function () {
    self.skipWaiting();
});

self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf('loopgate-gate-') === 0 && n !== CACHE; })
            .map(function (n) { return caches.delete(n); }));
    }).then(function () {
        return self.clients.claim();
    }));
});

/** A response worth keeping: a plain 200 from this origin, not a redirect to the sign-in page. */
function keepable(response) {
    return response && response.ok && !response.redirected && response.type === 'basic';
}

self.addEventListener('message', function (event) {
    var urls = event.data && Array.isArray(event.data.cache) ? event.data.cache : [];
    var port = event.ports && event.ports[0];
    event.waitUntil(caches.open(CACHE).then(function (cache) {
        return Promise.all(urls.filter(function (u) { return new URL(u).origin === self.location.origin; }).map(function (u) {
            return fetch(u, {credentials: 'same-origin', cache: 'no-store'}).then(function (r) {
                return keepable(r) ? cache.put(u, r).then(function () { return 1; }) : 0;
            }, function () {
                return 0;
            });
        }));
    }).then(function (kept) {
        if (port) {
            port.postMessage(kept.reduce(function (a, b) { return a + b; }, 0));
        }
    }));
});

self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET') {
        return;
    }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin || url.pathname.indexOf('/api/') >= 0) {
        return;
    }
    event.respondWith(fetch(request).then(function (response) {
        if (keepable(response)) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
        }
        return response;
    }, function () {
        return caches.match(request).then(function (hit) {
            return hit || caches.match(request, {ignoreSearch: request.mode === 'navigate'});
        }).then(function (hit) {
            return hit || Response.error();
        });
    }));
});
