package cn.loopgate.notification;

import cn.loopgate.shared.Messages;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mails notifications through the configured SMTP server ({@code loopgate.mail.host}), in Chinese,
 * after the transaction that caused them has committed. Without a host, mail is off and only the
 * in-app notification exists.
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

    @Resource
    ManagedExecutorService executor;

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
        executor.execute(() -> send(addresses, subject, body));
    }

    void send(List<String> to, String subject, String body) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host.orElseThrow());
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.auth", String.valueOf(user.isPresent()));
        Session session = Session.getInstance(p);
        try {
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
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "mail to {0} recipient(s) failed: {1}", new Object[]{to.size(), e.getMessage()});
        }
    }
}
