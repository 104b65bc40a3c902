package cn.loopgate.notification;

/**
 * Sends a short text to a mobile phone. A seam for an operator's SMS gateway; where none is configured,
 * {@link LoggingSmsSender} records that a message was due without its number or text.
 */
public interface SmsSender {

    void send(String phone, String text);

    /** Whether texts really leave the system (a gateway is configured); if not, a link must reach the person another way. */
    boolean delivers();
}
