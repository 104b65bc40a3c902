package cn.loopgate.notification;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** One message to one user. The text is a message key and arguments, rendered in the reader's language. */
@Entity
@Table(name = "notification")
public class Notification extends BaseEntity {

    @Column(name = "recipient_id", nullable = false)
    private long recipientId;
    @Column(nullable = false, length = 40)
    private String kind;
    @Column(name = "message_key", nullable = false, length = 100)
    private String messageKey;
    /** Arguments joined by the unit separator (U+001F). */
    @Column(length = 2000)
    private String args;
    @Column(length = 300)
    private String link;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "read_at")
    private Instant readAt;
    /** Events counted into one row (gate alerts: per gate, kind and hour); null for a single message. */
    @Column(name = "group_key", length = 120)
    private String groupKey;
    @Column(nullable = false)
    private int occurrences = 1;

    protected Notification() {
    }

    Notification(long recipientId, String kind, String messageKey, String args, String link, Instant createdAt) {
        this.recipientId = recipientId;
        this.kind = kind;
        this.messageKey = messageKey;
        this.args = args;
        this.link = link;
        this.createdAt = createdAt;
    }

    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    /** The message's arguments; a grouped notification's count of events comes last. */
    public Object[] argArray() {
        Object[] a = args == null || args.isEmpty() ? new Object[0] : args.split("\u001f", -1);
        if (groupKey == null) {
            return a;
        }
        Object[] withCount = new Object[a.length + 1]; // not Arrays.copyOf: a is a String[], the count an Integer
        System.arraycopy(a, 0, withCount, 0, a.length);
        withCount[a.length] = occurrences;
        return withCount;
    }

    public long getRecipientId() { return recipientId; }
    public String getKind() { return kind; }
    public String getMessageKey() { return messageKey; }
    public String getArgs() { return args; }
    public String getLink() { return link; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getReadAt() { return readAt; }
    public String getGroupKey() { return groupKey; }
    public int getOccurrences() { return occurrences; }
}
