/*
 * The guard's scanner (gate/verify.xhtml): the phone's rear camera read continuously with jsQR (shipped in the
 * WAR, resources/js/vendor), pasted text through the same path. Online, the gate's API decides
 * (POST /api/v1/gate/verify); when the server cannot be reached the scan is verified on the phone
 * (gate-offline.js), shown as offline with the age of the revocation list, and queued for upload. One big
 * verdict with colour, a beep and a vibration. Installable: a manifest and a service worker (/gate/sw.js) that
 * keeps the page and its scripts for offline use. A file, not inline script: pages run in CSP nonce mode.
 */
(function () {
    'use strict';

    var SAME_CODE_PAUSE_MS = 5000;
    var FRAME_MS = 150;
    var root;
    var texts = {};
    var api;
    var user;
    var video;
    var canvas;
    var context;
    var stream = null;
    var busy = false;
    var lastText = null;
    /** Until when the camera leaves the verdict of a pasted code on the screen (ms since the epoch). */
    var holdUntil = 0;
    var PASTED_HOLD_MS = 4000;
    var lastAt = 0;
    var audio = null;
    var offline = false;
    var signInNeeded = false;
    var note = '';

    function $(id) {
        return document.getElementById(id);
    }

    function t(key) {
        var s = texts[key] || key;
        for (var i = 1; i < arguments.length; i++) {
            s = s.split('{' + (i - 1) + '}').join(String(arguments[i]));
        }
        return s;
    }

    function pad(n) {
        return n < 10 ? '0' + n : String(n);
    }

    function dateText(d) {
        return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
    }

    function timeText(ms) {
        var d = new Date(ms);
        return dateText(d) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    }

    function duration(ms) {
        var s = Math.max(0, Math.round(ms / 1000));
        if (s < 60) {
            return t('seconds', s);
        }
        if (s < 3600) {
            return t('minutes', Math.floor(s / 60));
        }
        if (s < 86400) {
            return t('hours', Math.floor(s / 3600));
        }
        return t('days', Math.floor(s / 86400));
    }

    /** The last day a window ending (exclusively) at this second may be used: the day before a local midnight. */
    function lastDay(epochSeconds) {
        var end = new Date(epochSeconds * 1000);
        if (end.getHours() === 0 && end.getMinutes() === 0 && end.getSeconds() === 0) {
            end = new Date(end.getTime() - 1000);
        }
        return dateText(end);
    }

    function gateSelect() {
        return $('gate:gateId_input');
    }

    function gateId() {
        var s = gateSelect();
        return s && s.value ? Number(s.value) : null;
    }

    function gateName() {
        var s = gateSelect();
        if (!s || s.selectedIndex < 0) {
            return '';
        }
        var label = s.options[s.selectedIndex].text;
        var dot = label.lastIndexOf(' · ');
        return dot >= 0 ? label.substring(dot + 3) : label;
    }

    function line(box, label, value, id) {
        var div = document.createElement('div');
        if (label) {
            div.appendChild(document.createTextNode(label + '：'));
        }
        var span = document.createElement('span');
        if (id) {
            span.id = id;
        }
        span.textContent = value;
        div.appendChild(span);
        box.appendChild(div);
    }

    /** Shows one verdict; every value goes in as text (never as HTML). */
    function show(v) {
        var box = $('verdictBox');
        box.hidden = false;
        box.className = 'lg-verdict lg-verdict-' + v.result + (v.offline ? ' lg-verdict-offline' : '');
        box.setAttribute('data-source', v.offline ? 'offline' : 'online');
        $('verdict').textContent = t('result.' + v.result);
        var noteBox = $('verdictNote');
        noteBox.textContent = v.note || '';
        noteBox.hidden = !v.note;
        var warningBox = $('warning');
        warningBox.textContent = v.warning ? t('warning.' + v.warning) : '';
        warningBox.hidden = !v.warning;
        $('plateBox').hidden = !v.plate;
        $('plate').textContent = v.plate || '';
        $('holder').hidden = !v.holder || !!v.plate;
        $('holder').textContent = v.plate ? '' : (v.holder || '');
        var details = $('verdictDetails');
        details.textContent = '';
        if (v.plate && v.holder) {
            line(details, t('driver'), v.holder, 'driver');
        }
        if (v.type && v.offline) {
            line(details, t('permitType'), t('type.' + v.type));
        }
        if (v.permitId) {
            line(details, t('permitId'), v.permitId, 'number');
        }
        if (v.firm) {
            line(details, t('firm'), v.firm, 'firm');
        }
        if (v.number) {
            line(details, t('number'), v.number, 'number');
        }
        if (v.first && v.last) {
            line(details, t('validity'), t('validityRange', v.first, v.last), 'validity');
        }
        if (v.park) {
            line(details, t('park'), v.park);
        }
        // The person (一扫四查): the test status, the reading sent with this scan, a health hold.
        if (v.testStatus) {
            line(details, t('test'), t('test.' + v.testStatus), 'testStatus');
        }
        if (v.lastNegativeAt) {
            line(details, t('lastNegative'), timeText(Date.parse(v.lastNegativeAt)), 'lastNegative');
        }
        if (v.testValidUntil) {
            line(details, t('testValidUntil'), timeText(Date.parse(v.testValidUntil)), 'testValidUntil');
        }
        if (v.temperature !== undefined && v.temperature !== null) {
            line(details, t('temperature'), Number(v.temperature).toFixed(1) + ' °C', 'temperatureRead');
        }
        if (v.healthHold) {
            line(details, '', t('healthHold'), 'healthHold');
        }
        $('scanGate').textContent = v.gate || '';
        $('scanTime').textContent = timeText(v.at);
        feedback(v.result === 'VALID' && !v.warning ? 'ok' : v.result === 'VALID' || v.result === 'UNCONFIRMED' ? 'warn' : 'bad');
    }

    /** A short high beep for VALID, two for UNCONFIRMED, a long low one otherwise; vibration alike. */
    function feedback(kind) {
        root.setAttribute('data-feedback', kind);
        try {
            if (navigator.vibrate) {
                navigator.vibrate(kind === 'ok' ? 120 : kind === 'warn' ? [150, 100, 150] : [400, 120, 400]);
            }
        } catch (e) {
            // no vibration motor
        }
        try {
            var Ctx = window.AudioContext || window.webkitAudioContext;
            if (!Ctx) {
                return;
            }
            audio = audio || new Ctx();
            var beeps = kind === 'ok' ? [[1320, 0, 0.15]] : kind === 'warn' ? [[880, 0, 0.12], [880, 0.2, 0.12]] : [[330, 0, 0.7]];
            beeps.forEach(function (b) {
                var osc = audio.createOscillator();
                var gain = audio.createGain();
                osc.type = 'square';
                osc.frequency.value = b[0];
                gain.gain.value = 0.2;
                osc.connect(gain);
                gain.connect(audio.destination);
                osc.start(audio.currentTime + b[1]);
                osc.stop(audio.currentTime + b[1] + b[2]);
            });
        } catch (e) {
            // no sound: the colour and the word still say it
        }
    }

    function fromServer(r) {
        return {result: r.result, gate: r.gate, at: Date.parse(r.scannedAt), plate: r.plate, holder: r.holder, firm: r.firm,
            number: r.number, first: r.validFromDate, last: r.validUntilDate, park: r.park, warning: r.warning,
            testStatus: r.testStatus, lastNegativeAt: r.lastNegativeAt, testValidUntil: r.testValidUntil,
            temperature: r.temperature, healthHold: r.healthHold};
    }

    function fromPhone(v, at) {
        var c = v.claims;
        var reason = v.reason === 'stale' ? t('stale', duration(at - v.listAt)) : v.reason === 'unknownKey' ? t('unknownKey')
            : v.reason === 'noList' ? t('noListVerdict') : v.reason === 'noCrypto' ? t('noCrypto') : '';
        var shown = {result: v.result, offline: true, gate: gateName(), at: at,
            note: reason ? reason : v.result === 'FORGED' ? '' : t('offlineVerdict')};
        if (c && v.result !== 'FORGED') {
            shown.type = c.type;
            shown.permitId = String(c.permitId);
            shown.first = dateText(new Date(c.validFrom * 1000));
            shown.last = lastDay(c.validTo);
        }
        return shown;
    }

    /** The temperature the guard typed for this person (°C), or null; the server checks its range. */
    function temperature() {
        var field = $('gate:temperature');
        var typed = field ? field.value.trim().replace(',', '.') : '';
        return typed === '' || isNaN(Number(typed)) ? null : Number(typed);
    }

    function verifyOnline(gate, text) {
        var abort = new AbortController();
        // Once the server was out of reach, give it less time: a guard should not wait seconds per car.
        var timer = setTimeout(function () { abort.abort(); }, offline ? 1500 : 5000);
        return fetch(api + '/gate/verify', {method: 'POST', credentials: 'same-origin', cache: 'no-store', signal: abort.signal,
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
            body: JSON.stringify({gateId: gate, content: text, temperature: temperature()})}).then(function (r) {
            clearTimeout(timer);
            if (r.ok) {
                return r.json().then(function (j) { return {kind: 'result', body: j}; });
            }
            if (r.status === 400) {
                return r.json().then(function (j) { return {kind: 'invalid', body: j}; });
            }
            if (r.status === 401 || r.status === 403) {
                return {kind: 'signIn'};
            }
            return {kind: 'unreachable'};
        }, function () {
            clearTimeout(timer);
            return {kind: 'unreachable'};
        });
    }

    /** One scan, from the camera or pasted: online when the server answers, else on the phone and queued. */
    function scan(text) {
        var gate = gateId();
        if (!gate) {
            state(t('pickFirst'));
            return Promise.resolve();
        }
        var typed = $('gate:temperature') ? $('gate:temperature').value.trim() : '';
        if (typed !== '' && temperature() === null) {
            state(t('implausible'));
            return Promise.resolve();
        }
        busy = true;
        var at = Date.now();
        var asked = navigator.onLine === false ? Promise.resolve({kind: 'unreachable'}) : verifyOnline(gate, text);
        return asked.then(function (answer) {
            if (answer.kind === 'result') {
                offline = false;
                signInNeeded = false;
                show(fromServer(answer.body));
                if ($('gate:temperature')) {
                    $('gate:temperature').value = ''; // the next person is measured again
                }
                sync();
                return null;
            }
            if (answer.kind === 'invalid') {
                var p = answer.body || {};
                state((p.errors && p.errors.length ? p.errors[0].message : p.detail) || '');
                return null;
            }
            offline = answer.kind === 'unreachable';
            signInNeeded = answer.kind === 'signIn';
            return LoopgateOffline.verify(text, at).then(function (v) {
                show(fromPhone(v, at));
                return LoopgateOffline.enqueue({clientId: crypto.randomUUID(), user: user, gateId: gate, content: text.trim(),
                    scannedAt: new Date(at).toISOString(), offlineResult: v.result});
            });
        }).then(banner, banner).then(function () {
            busy = false;
        });
    }

    function state(text) {
        $('lg-camera-state').textContent = text;
    }

    /** The network line: online or plainly offline, how old the revocation list is, what waits for upload. */
    function banner() {
        var now = Date.now();
        return Promise.all([LoopgateOffline.listInfo(now), LoopgateOffline.queued(user)]).then(function (r) {
            var net = $('lg-net');
            net.className = 'lg-net' + (offline ? ' lg-net-offline' : '') + (r[0] && r[0].stale && offline ? ' lg-net-stale' : '');
            $('lg-net-state').textContent = signInNeeded ? t('signIn') : offline ? t('offline') : t('online');
            $('lg-net-list').textContent = r[0] ? t('listAge', timeText(r[0].at), duration(now - r[0].at)) : t('noList');
            $('lg-net-queue').textContent = r[1].length ? t('queued', r[1].length) : note;
        }).catch(function () {
            // IndexedDB unavailable (private mode): the online path still works
        });
    }

    /**
     * Refreshes keys and list when due and uploads the queue; marks the page offline when the server is away.
     * With {@code probe} (page load, the browser's "online" event) the server is asked even when nothing is due,
     * so a page reloaded from the service worker's copy says at once that it is offline.
     */
    function sync(probe) {
        var reach = probe === true ? fetch(api + '/public/permits/keys', {method: 'HEAD', cache: 'no-store', credentials: 'omit'})
            .then(function (r) {
                if (r.status >= 500) {
                    throw new Error('server ' + r.status);
                }
            }) : Promise.resolve();
        return reach.then(function () {
            return LoopgateOffline.refresh(api, false);
        }).then(function () {
            offline = false;
            return LoopgateOffline.upload(api, user);
        }).then(function (u) {
            if (u && u.signIn) {
                signInNeeded = true;
            } else if (u && u.uploaded) {
                signInNeeded = false;
                note = u.differ ? t('uploadedDiffer', u.uploaded, u.differ) : t('uploaded', u.uploaded);
            }
        }, function () {
            offline = true;
        }).then(banner);
    }

    function frame() {
        if (!stream) {
            return;
        }
        if (!busy && video.readyState >= 2 && video.videoWidth) {
            var scale = Math.min(1, 640 / video.videoWidth);
            var w = Math.round(video.videoWidth * scale);
            var h = Math.round(video.videoHeight * scale);
            canvas.width = w;
            canvas.height = h;
            context.drawImage(video, 0, 0, w, h);
            var code = null;
            try {
                code = jsQR(context.getImageData(0, 0, w, h).data, w, h, {inversionAttempts: 'dontInvert'});
            } catch (e) {
                code = null;
            }
            if (code && code.data && Date.now() >= holdUntil) {
                var now = Date.now();
                var same = code.data === lastText && now - lastAt < SAME_CODE_PAUSE_MS;
                lastAt = now;
                if (!same) {
                    lastText = code.data;
                    scan(code.data);
                }
            }
        }
        setTimeout(frame, FRAME_MS);
    }

    function startCamera() {
        var toggle = $('lg-camera-toggle');
        toggle.hidden = false;
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
            state(t('unsupported'));
            toggle.hidden = true;
            return;
        }
        navigator.mediaDevices.getUserMedia({audio: false,
            video: {facingMode: {ideal: 'environment'}, width: {ideal: 1280}, height: {ideal: 720}}}).then(function (s) {
            stream = s;
            video.srcObject = s;
            return video.play();
        }).then(function () {
            $('lg-camera-frame').hidden = false;
            $('lg-camera-toggle-text').textContent = t('stop');
            root.setAttribute('data-camera', 'on');
            state(t('scanning'));
            frame();
        }).catch(function () {
            stopCamera();
            state(t('denied'));
        });
    }

    function stopCamera() {
        if (stream) {
            stream.getTracks().forEach(function (track) { track.stop(); });
        }
        stream = null;
        video.srcObject = null;
        $('lg-camera-frame').hidden = true;
        $('lg-camera-toggle-text').textContent = t('start');
        root.setAttribute('data-camera', 'off');
    }

    /** The manifest (linked from here: the layout's head is shared) and the service worker that keeps the page. */
    function installable() {
        var link = document.createElement('link');
        link.rel = 'manifest';
        link.href = root.getAttribute('data-manifest');
        document.head.appendChild(link);
        var theme = document.createElement('meta');
        theme.name = 'theme-color';
        theme.content = '#15803d';
        document.head.appendChild(theme);
        if (!('serviceWorker' in navigator)) {
            return;
        }
        navigator.serviceWorker.register(root.getAttribute('data-sw'), {scope: root.getAttribute('data-scope')}).then(function () {
            return navigator.serviceWorker.ready;
        }).then(function (registration) {
            var urls = [location.href.split('#')[0]];
            performance.getEntriesByType('resource').forEach(function (e) {
                if (e.name.indexOf(location.origin) === 0 && e.name.indexOf('/api/') < 0) {
                    urls.push(e.name);
                }
            });
            var channel = new MessageChannel();
            channel.port1.onmessage = function (m) {
                root.setAttribute('data-cached', String(m.data));
            };
            registration.active.postMessage({cache: urls}, [channel.port2]);
        }).catch(function () {
            // not installable here (no secure context); the page works as before
        });
    }

    function init() {
        root = $('lg-scanner');
        if (!root || root.getAttribute('data-ready')) {
            return;
        }
        root.setAttribute('data-ready', 'true');
        document.querySelectorAll('#lg-gate-texts [data-k]').forEach(function (s) {
            texts[s.getAttribute('data-k')] = s.textContent;
        });
        api = root.getAttribute('data-api');
        user = root.getAttribute('data-user');
        video = $('lg-video');
        canvas = document.createElement('canvas');
        context = canvas.getContext('2d', {willReadFrequently: true});
        $('gate:verify').addEventListener('click', function () {
            var field = $('gate:content');
            if (field.value.trim()) {
                lastText = field.value.trim();
                lastAt = Date.now();
                // A typed or pasted code's verdict stays up a moment: the camera, still seeing another card, waits.
                holdUntil = Date.now() + PASTED_HOLD_MS;
                scan(field.value).then(function () { field.value = ''; });
            }
        });
        $('lg-camera-toggle').addEventListener('click', function () {
            if (stream) {
                stopCamera();
            } else {
                startCamera();
            }
        });
        // The camera is released while the page is hidden (battery; other apps) and taken again on return.
        document.addEventListener('visibilitychange', function () {
            if (document.hidden && stream) {
                stopCamera();
                root.setAttribute('data-resume', 'true');
            } else if (!document.hidden && root.getAttribute('data-resume')) {
                root.removeAttribute('data-resume');
                startCamera();
            }
        });
        window.addEventListener('online', function () {
            sync(true);
        });
        window.addEventListener('offline', function () {
            offline = true;
            banner();
        });
        setInterval(sync, 15000);
        installable();
        sync(true);
        startCamera();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
