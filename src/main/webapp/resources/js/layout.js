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
    /*
     * Two PrimeFaces file-upload details that axe-core flags (PagesBrowserIT): the simple mode's file
     * input is hidden from assistive technology yet focusable (it is the real control: expose it), and
     * the advanced mode's "choose" span names itself with aria-labelledby without having a role (its
     * visible text already names it).
     */
    function repairUploads() {
        document.querySelectorAll('input[type=file][aria-hidden="true"]').forEach(function (input) {
            if (!input.closest('.ui-fileupload-choose')) {
                input.removeAttribute('aria-hidden');
            }
        });
        document.querySelectorAll('.ui-fileupload-choose[aria-labelledby]:not([role])').forEach(function (choose) {
            choose.removeAttribute('aria-labelledby');
        });
    }
    function start() {
        init();
        repairUploads();
        if (window.jQuery) {
            window.jQuery(document).on('pfAjaxComplete', repairUploads);
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
