package cn.loopgate.notification;

import cn.loopgate.shared.Messages;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mails notifications through the configured SMTP server ({@code loopgate.mail.host}), in Chinese,
 * after the transaction that caused them has committed. Without a host, mail is off and only the
 * in-app notification exists.
 *
 * <p>A send that fails (SMTP server down, refusing, timing out) is tried again with exponential
 * back-off: after {@code loopgate.mail.retry-delay} seconds, then twice as long each time, at most
 * {@code loopgate.mail.retry-max-delay} apart, {@code loopgate.mail.retry-attempts} tries in all. Only
 * then is it given up (logged as SEVERE, without addresses). Retries live in memory: a restart
 * meanwhile drops them; the in-app notification, written in the transaction, is never lost.
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @Inject
    @ConfigProperty(name = "loopgate.mail.host")
    Optional<String> host;
    @Inject
    @ConfigProperty(name = "loopgate.mail.port", defaultValue = "25")
    int port;
    @Inject
    @ConfigProperty(name = "loopgate.mail.from", defaultValue = "loopgate@localhost")
    String from;
    @Inject
    @ConfigProperty(name = "loopgate.mail.user")
    Optional<String> user;
    @Inject
    @ConfigProperty(name = "loopgate.mail.password")
    Optional<String> password;
    @Inject
    @ConfigProperty(name = "loopgate.mail.starttls", defaultValue = "false")
    boolean starttls;
    @Inject
    @ConfigProperty(name = "loopgate.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "loopgate.mail.retry-attempts", defaultValue = "14")
    int retryAttempts;
    @Inject
    @ConfigProperty(name = "loopgate.mail.retry-delay", defaultValue = "5")
    long retryDelaySeconds;
    @Inject
    @ConfigProperty(name = "loopgate.mail.retry-max-delay", defaultValue = "900")
    long retryMaxDelaySeconds;

    @Resource
    ManagedScheduledExecutorService executor;

    /** One mail and how often it has been tried. */
    record Delivery(List<String> to, String subject, String body, int attempt) {
        Delivery next() {
            return new Delivery(to, subject, body, attempt + 1);
        }
    }

    public boolean enabled() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationService.MailRequest request) {
        if (!enabled()) {
            return;
        }
        List<String> addresses = request.addresses();
        String subject = Messages.get(Messages.DEFAULT_LOCALE, "mail.subject");
        String body = Messages.get(Messages.DEFAULT_LOCALE, request.messageKey(), request.args())
                + (request.link() == null ? "" : "\n\n" + publicUrl + request.link());
        executor.execute(() -> deliver(new Delivery(addresses, subject, body, 1)));
    }

    void deliver(Delivery d) {
        try {
            send(d.to(), d.subject(), d.body());
            if (d.attempt() > 1) {
                LOG.log(Level.INFO, "mail to {0} recipient(s) sent at attempt {1}", new Object[]{d.to().size(), d.attempt()});
            }
        } catch (AddressException e) {
            // A malformed address stays malformed: trying again cannot help.
            LOG.log(Level.SEVERE, "mail to {0} recipient(s) not sent, bad address: {1}", new Object[]{d.to().size(), e.getMessage()});
        } catch (MessagingException | RuntimeException e) {
            if (d.attempt() >= retryAttempts) {
                LOG.log(Level.SEVERE, "mail to {0} recipient(s) given up after {1} attempts: {2}",
                        new Object[]{d.to().size(), d.attempt(), e.getMessage()});
                return;
            }
            long delay = backOff(d.attempt(), retryDelaySeconds, retryMaxDelaySeconds);
            LOG.log(Level.WARNING, "mail to {0} recipient(s) failed (attempt {1}), next try in {2} s: {3}",
                    new Object[]{d.to().size(), d.attempt(), delay, e.getMessage()});
            executor.schedule(() -> deliver(d.next()), delay, TimeUnit.SECONDS);
        }
    }

    /** Seconds to wait after the given failed attempt (1-based): first, doubling, capped at max. */
    static long backOff(int failedAttempt, long firstSeconds, long maxSeconds) {
        long delay = Math.max(1, firstSeconds);
        for (int i = 1; i < failedAttempt && delay < maxSeconds; i++) {
            delay *= 2;
        }
        return Math.min(delay, Math.max(1, maxSeconds));
    }

    void send(List<String> to, String subject, String body) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", host.orElseThrow());
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.auth", String.valueOf(user.isPresent()));
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        for (String address : to) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        if (user.isPresent()) {
            Transport.send(m, user.get(), password.orElse(""));
        } else {
            Transport.send(m);
        }
    }
}
