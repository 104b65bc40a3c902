/*
 * Lists: a "select all" box and a live count of the picked rows, in the browser (no round trip).
 * Markup: a checkbox with class lg-select-all selects every checkbox with class lg-pick in the same
 * form; elements with class lg-picked-count show how many are picked. Delegated from the document, so
 * rows replaced by AJAX keep working. A file, not inline handlers: pages run under CSP nonce mode.
 */
(function () {
    function count(form) {
        var picked = form.querySelectorAll('input.lg-pick:checked').length;
        form.querySelectorAll('.lg-picked-count').forEach(function (el) {
            el.textContent = String(picked);
        });
        form.querySelectorAll('input.lg-select-all').forEach(function (all) {
            var boxes = form.querySelectorAll('input.lg-pick');
            all.checked = boxes.length > 0 && picked === boxes.length;
        });
    }
    document.addEventListener('change', function (e) {
        var t = e.target;
        if (!t.form) {
            return;
        }
        if (t.classList.contains('lg-select-all')) {
            t.form.querySelectorAll('input.lg-pick').forEach(function (box) {
                box.checked = t.checked;
            });
            count(t.form);
        } else if (t.classList.contains('lg-pick')) {
            count(t.form);
        }
    });
    function init() {
        document.querySelectorAll('form').forEach(count);
    }
    function start() {
        init();
        // after a PrimeFaces AJAX update the rows are new; recount
        if (window.jQuery) {
            window.jQuery(document).on('pfAjaxComplete', init);
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
