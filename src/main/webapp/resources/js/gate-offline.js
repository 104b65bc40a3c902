/*
 * The guard's offline verifier (docs/pages.md "Gate scanner", docs/security.md "Offline gate verification").
 * It reads a permit's QR text (format LG1, docs/permits.md), checks its Ed25519 signature with WebCrypto against
 * the published public keys it cached, and looks the permit up in the signed revocation list it cached (the
 * list's own signature checked before it is kept; only the signed text is trusted, not the JSON beside it).
 * Keys and list are refetched once older than their max-age; a list past its max-age no longer vouches that a
 * permit is not revoked, so a genuine, in-date permit is then UNCONFIRMED, not VALID. Scans made offline wait in
 * IndexedDB with their time and are uploaded when the network is back. No eval, no inline script (CSP).
 */
(function (global) {
    'use strict';

    var DB = 'loopgate-gate';
    var TYPES = {1: 'CARD', 2: 'PASS', 3: 'CERTIFICATE'};
    var BODY = 38;
    var SIGNATURE = 64;
    var MAX_UPLOAD = 200;
    var keyObjects = {};
    var dbPromise = null;

    function bytesOf(base64url) {
        if (!/^[A-Za-z0-9_-]*={0,2}$/.test(base64url)) {
            throw new Error('not base64url');
        }
        var s = base64url.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
        while (s.length % 4) {
            s += '=';
        }
        var bin = atob(s);
        var out = new Uint8Array(bin.length);
        for (var i = 0; i < bin.length; i++) {
            out[i] = bin.charCodeAt(i);
        }
        return out;
    }

    function hex8(n) {
        return ('00000000' + (n >>> 0).toString(16)).slice(-8);
    }

    /** The claims of an LG1 text, or null when it is not one (the server calls that FORGED too). */
    function decode(text) {
        if (typeof text !== 'string') {
            return null;
        }
        var t = text.trim();
        if (t.indexOf('LG1:') !== 0) {
            return null;
        }
        var raw;
        try {
            raw = bytesOf(t.substring(4));
        } catch (e) {
            return null;
        }
        if (raw.length !== BODY + SIGNATURE || raw[0] !== 1 || !TYPES[raw[13]]) {
            return null;
        }
        var v = new DataView(raw.buffer);
        return {
            keyId: hex8(v.getUint32(1)),
            permitId: v.getUint32(5) * 4294967296 + v.getUint32(9),
            type: TYPES[raw[13]],
            validFrom: v.getUint32(14),
            validTo: v.getUint32(18),
            body: raw.slice(0, BODY),
            signature: raw.slice(BODY)
        };
    }

    function db() {
        if (!dbPromise) {
            dbPromise = new Promise(function (resolve, reject) {
                var r = indexedDB.open(DB, 1);
                r.onupgradeneeded = function () {
                    r.result.createObjectStore('meta');
                    r.result.createObjectStore('queue', {keyPath: 'clientId'});
                };
                r.onsuccess = function () { resolve(r.result); };
                r.onerror = function () { reject(r.error); };
            });
        }
        return dbPromise;
    }

    function request(store, mode, work) {
        return db().then(function (d) {
            return new Promise(function (resolve, reject) {
                var tx = d.transaction(store, mode);
                var result;
                var r = work(tx.objectStore(store));
                if (r) {
                    r.onsuccess = function () { result = r.result; };
                }
                tx.oncomplete = function () { resolve(result); };
                tx.onerror = function () { reject(tx.error); };
                tx.onabort = function () { reject(tx.error); };
            });
        });
    }

    function get(key) {
        return request('meta', 'readonly', function (s) { return s.get(key); });
    }

    function put(key, value) {
        return request('meta', 'readwrite', function (s) { return s.put(value, key); });
    }

    function maxAgeOf(header, fallback) {
        var m = /max-age=(\d+)/.exec(header || '');
        return m ? Number(m[1]) : fallback;
    }

    function publicKey(k) {
        if (!keyObjects[k.keyId]) {
            keyObjects[k.keyId] = crypto.subtle.importKey('raw', bytesOf(k.raw), {name: 'Ed25519'}, false, ['verify']);
        }
        return keyObjects[k.keyId];
    }

    /** True or false; null when this browser cannot check Ed25519 at all (no WebCrypto Ed25519). */
    function verifySignature(k, signature, data) {
        if (!global.crypto || !crypto.subtle) {
            return Promise.resolve(null);
        }
        return publicKey(k).then(function (key) {
            return crypto.subtle.verify({name: 'Ed25519'}, key, signature, data).catch(function () {
                return false;
            });
        }, function () {
            delete keyObjects[k.keyId];
            return null;
        });
    }

    function findKey(keys, keyId) {
        var list = keys && keys.keys ? keys.keys : [];
        for (var i = 0; i < list.length; i++) {
            if (list[i].keyId === keyId) {
                return list[i];
            }
        }
        return null;
    }

    /** The fields of the signed list text ("LGRL1\nissued=…\nmaxAge=…\nkey=…\nrevoked=1,2\nsuspended=3"). */
    function parseList(text) {
        var lines = text.split('\n');
        if (lines[0] !== 'LGRL1') {
            return null;
        }
        var f = {};
        lines.slice(1).forEach(function (line) {
            var eq = line.indexOf('=');
            f[line.substring(0, eq)] = line.substring(eq + 1);
        });
        function ids(s) {
            return s ? s.split(',').map(Number) : [];
        }
        return {issuedAt: Number(f.issued) * 1000, maxAge: Number(f.maxAge), keyId: f.key,
            revoked: ids(f.revoked), suspended: ids(f.suspended)};
    }

    /**
     * Fetches keys and list when missing or older than their max-age (or always, when forced). Resolves to
     * true when the server answered; rejects when it cannot be reached.
     */
    function refresh(api, force) {
        var now = Date.now();
        return get('keys').then(function (keys) {
            if (!force && keys && now < keys.fetchedAt + keys.maxAge * 1000) {
                return keys;
            }
            return fetch(api + '/public/permits/keys', {cache: 'no-store', credentials: 'omit'}).then(function (r) {
                if (!r.ok) {
                    throw new Error('keys ' + r.status);
                }
                return r.json().then(function (list) {
                    var fresh = {fetchedAt: now, maxAge: maxAgeOf(r.headers.get('Cache-Control'), 3600),
                        keys: list.map(function (k) { return {keyId: k.keyId, raw: k.rawPublicKey, status: k.status}; })};
                    return put('keys', fresh).then(function () { return fresh; });
                });
            });
        }).then(function (keys) {
            return get('revocations').then(function (old) {
                if (!force && old && now < old.fetchedAt + old.maxAge * 1000) {
                    return true;
                }
                return fetch(api + '/public/permits/revocations', {cache: 'no-store', credentials: 'omit'}).then(function (r) {
                    if (!r.ok) {
                        throw new Error('revocations ' + r.status);
                    }
                    return r.json();
                }).then(function (j) {
                    var parsed = parseList(j.signed || '');
                    var key = parsed ? findKey(keys, parsed.keyId) : null;
                    if (!key) {
                        return true;
                    }
                    return verifySignature(key, bytesOf(j.signature), new TextEncoder().encode(j.signed)).then(function (ok) {
                        if (!ok) {
                            return true;
                        }
                        parsed.fetchedAt = now;
                        return put('revocations', parsed).then(function () { return true; });
                    });
                });
            });
        });
    }

    /** When the list was made, as far as this phone can tell (the earlier of its issue and fetch times). */
    function listTime(list) {
        return Math.min(list.fetchedAt, list.issuedAt);
    }

    /** {at, maxAge, stale} of the cached list, or null. */
    function listInfo(now) {
        return get('revocations').then(function (list) {
            if (!list) {
                return null;
            }
            var at = listTime(list);
            return {at: at, maxAge: list.maxAge, stale: now > at + list.maxAge * 1000};
        });
    }

    /**
     * The offline verdict: FORGED (unreadable, or the signature fails), REVOKED or SUSPENDED (in the list),
     * NOT_YET_VALID, EXPIRED (the phone's clock), VALID, or UNCONFIRMED (genuine and in date, but the key is
     * not cached, or the list is missing or past its max-age). WRONG_PARK cannot be told offline: the code
     * names no park; the server decides it when the scan is uploaded.
     */
    function verify(text, now) {
        var c = decode(text);
        if (!c) {
            return Promise.resolve({result: 'FORGED'});
        }
        return Promise.all([get('keys'), get('revocations')]).then(function (cached) {
            var key = findKey(cached[0], c.keyId);
            var list = cached[1];
            if (!key) {
                return {result: 'UNCONFIRMED', reason: 'unknownKey', claims: c};
            }
            return verifySignature(key, c.signature, c.body).then(function (ok) {
                var t = Math.floor(now / 1000);
                if (ok === null) {
                    return {result: 'UNCONFIRMED', reason: 'noCrypto', claims: c};
                }
                if (!ok) {
                    return {result: 'FORGED'};
                }
                if (list && list.revoked.indexOf(c.permitId) >= 0) {
                    return {result: 'REVOKED', claims: c};
                }
                if (t < c.validFrom) {
                    return {result: 'NOT_YET_VALID', claims: c};
                }
                if (t >= c.validTo) {
                    return {result: 'EXPIRED', claims: c};
                }
                if (!list) {
                    return {result: 'UNCONFIRMED', reason: 'noList', claims: c};
                }
                if (list.suspended.indexOf(c.permitId) >= 0) {
                    return {result: 'SUSPENDED', claims: c};
                }
                if (now > listTime(list) + list.maxAge * 1000) {
                    return {result: 'UNCONFIRMED', reason: 'stale', claims: c, listAt: listTime(list)};
                }
                return {result: 'VALID', claims: c};
            });
        });
    }

    function enqueue(item) {
        return request('queue', 'readwrite', function (s) { return s.put(item); });
    }

    function queued(user) {
        return request('queue', 'readonly', function (s) { return s.getAll(); }).then(function (all) {
            return (all || []).filter(function (q) { return q.user === user; })
                .sort(function (a, b) { return a.scannedAt < b.scannedAt ? -1 : 1; });
        });
    }

    function remove(ids) {
        return request('queue', 'readwrite', function (s) {
            ids.forEach(function (id) { s.delete(id); });
            return null;
        });
    }

    /**
     * Uploads this user's queued scans (up to 200 at a time). Resolves to {uploaded, differ} (0 when nothing
     * waited), {signIn: true} when the session is gone; rejects when the server cannot be reached. Scans the
     * server refuses for good (400 naming them, e.g. older than it accepts) leave the queue; the rest stay.
     */
    function upload(api, user) {
        return queued(user).then(function (all) {
            if (!all.length) {
                return {uploaded: 0, differ: 0};
            }
            var batch = all.slice(0, MAX_UPLOAD);
            var body = {scans: batch.map(function (q) {
                return {clientId: q.clientId, gateId: q.gateId, content: q.content, scannedAt: q.scannedAt,
                    offlineResult: q.offlineResult};
            })};
            return fetch(api + '/gate/offline-scans', {method: 'POST', credentials: 'same-origin', cache: 'no-store',
                headers: {'Content-Type': 'application/json', 'Accept': 'application/json'}, body: JSON.stringify(body)})
                .then(function (r) {
                    if (r.status === 200) {
                        return r.json().then(function (j) {
                            var differ = j.results.filter(function (o) {
                                return !o.duplicate && o.offlineResult && o.offlineResult !== o.result;
                            }).length;
                            return remove(batch.map(function (q) { return q.clientId; })).then(function () {
                                return {uploaded: j.results.length, differ: differ};
                            });
                        });
                    }
                    if (r.status === 401 || r.status === 403) {
                        return {signIn: true};
                    }
                    if (r.status === 400) {
                        return r.json().then(function (p) {
                            var bad = {};
                            (p.errors || []).forEach(function (e) {
                                var m = /^scans\[(\d+)]/.exec(e.field || '');
                                if (m && batch[Number(m[1])]) {
                                    bad[batch[Number(m[1])].clientId] = true;
                                }
                            });
                            return remove(Object.keys(bad)).then(function () { return {uploaded: 0, differ: 0, refused: Object.keys(bad).length}; });
                        });
                    }
                    throw new Error('upload ' + r.status);
                });
        });
    }

    global.LoopgateOffline = {
        decode: decode, refresh: refresh, verify: verify, listInfo: listInfo, enqueue: enqueue, queued: queued,
        upload: upload
    };
})(window);
