/* A "copy" button next to a read-only field (data-copy-target = the field's id): copies the field's value. */
(function () {
    document.addEventListener('click', function (event) {
        var button = event.target.closest('[data-copy-target]');
        if (!button) {
            return;
        }
        var field = document.getElementById(button.getAttribute('data-copy-target'));
        if (!field) {
            return;
        }
        field.select();
        var done = function () {
            button.setAttribute('data-copied', 'true');
            var label = button.querySelector('.ui-button-text');
            if (label && button.getAttribute('data-copied-label')) {
                label.textContent = button.getAttribute('data-copied-label');
            }
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(done, function () {
                document.execCommand('copy');
                done();
            });
        } else {
            document.execCommand('copy');
            done();
        }
    });
})();
