/*
 * The phone menu: below 768 px the menubar is hidden behind one button (see responsive.css).
 * A file, not an inline handler, because pages run under PrimeFaces' CSP nonce mode.
 */
(function () {
    function init() {
        var toggle = document.getElementById('lg-nav-toggle');
        var header = document.getElementById('lg-header');
        if (!toggle || !header || toggle.dataset.bound) {
            return;
        }
        toggle.dataset.bound = 'true';
        toggle.addEventListener('click', function () {
            var open = header.classList.toggle('lg-nav-open');
            toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
        });
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
