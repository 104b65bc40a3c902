package cn.loopgate.registration;

import java.time.Instant;

/**
 * A registration as the park sees it in its queue: the phone masked, and the duplicates flagged: a firm already
 * registered with the same credit code, other registrations (any state) with the same credit code or phone.
 */
public record RegistrationRow(long id, String parkName, String creditCode, String name, String contactName, String contactPhone,
                              String status, Instant submittedAt, boolean firmExists, int sameCode, int samePhone)
        implements java.io.Serializable {

    public boolean flagged() {
        return firmExists || sameCode > 0 || samePhone > 0;
    }
}
