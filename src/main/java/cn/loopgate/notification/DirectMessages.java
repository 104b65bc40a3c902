package cn.loopgate.notification;

import cn.loopgate.shared.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * A message to one person who may not be able to sign in yet (an activation or reset link): by mail through
 * {@link Mailer} and by SMS through {@link SmsSender}, both once the transaction commits, so that a rolled
 * back invitation sends nothing. Not stored as an in-app notification: the person has no inbox yet.
 */
@ApplicationScoped
public class DirectMessages {

    /** A text due by SMS after commit. */
    public record SmsRequest(String phone, String text) {
    }

    @Inject
    Event<NotificationService.MailRequest> mails;
    @Inject
    Event<SmsRequest> texts;
    @Inject
    SmsSender sms;
    @Inject
    Mailer mailer;
    @Inject
    @ConfigProperty(name = "loopgate.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /**
     * Which channels will carry the message: mail when configured and an address is known, SMS when a phone is
     * known and a gateway configured (without one the text is only logged, masked, and not counted).
     */
    public List<String> send(String email, String phone, String messageKey, String link, Object... args) {
        List<String> channels = new java.util.ArrayList<>();
        if (email != null && mailer.enabled()) {
            mails.fire(new NotificationService.MailRequest(List.of(email), messageKey, args, link));
            channels.add("MAIL");
        }
        if (phone != null) {
            texts.fire(new SmsRequest(phone, Messages.get(Messages.DEFAULT_LOCALE, messageKey, args) + " " + publicUrl + link));
            if (sms.delivers()) {
                channels.add("SMS");
            }
        }
        return channels;
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) SmsRequest request) {
        sms.send(request.phone(), request.text());
    }
}
