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
     * Two PrimeFaces file-upload details that axe-core flags (PagesBrowserIT): the file input of the
     * simple mode is hidden from assistive technology yet focusable, and the advanced mode's "choose"
     * span carries ARIA attributes without a role. The input is the real control; the span acts as a button.
     */
    function repairUploads() {
        document.querySelectorAll('.ui-fileupload input[type=file][aria-hidden="true"]').forEach(function (input) {
            input.removeAttribute('aria-hidden');
        });
        document.querySelectorAll('.ui-fileupload-choose:not([role])').forEach(function (choose) {
            choose.setAttribute('role', 'button');
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
