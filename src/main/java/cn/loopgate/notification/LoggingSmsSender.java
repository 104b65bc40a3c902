package cn.loopgate.notification;

import cn.loopgate.shared.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.logging.Logger;

/**
 * The SMS sender where no gateway is configured: logs that a message was due, to the masked number, and
 * never its text (an activation link in it is a credential) nor the full number (personal data).
 */
@ApplicationScoped
public class LoggingSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(LoggingSmsSender.class.getName());

    @Override
    public boolean delivers() {
        return false;
    }

    @Override
    public void send(String phone, String text) {
        LOG.info(() -> "SMS to " + Masking.phone(phone) + " (" + text.length() + " characters) not sent: no SMS gateway configured");
    }
}
