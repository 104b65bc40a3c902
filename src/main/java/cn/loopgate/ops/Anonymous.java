package cn.loopgate.ops;

import cn.loopgate.shared.crypto.PersonalDataCipher;

import java.time.LocalDate;

/**
 * What anonymised personal data looks like, and when a park's data is due. The placeholders can
 * never be mistaken for real data: a real resident ID is 18 digits (last one may be X), a real
 * mobile number starts with 1; both fail Loopgate's validators. The resident-ID placeholder carries
 * the row's id, so it stays unique where the column must be (worker: unique per firm).
 */
public final class Anonymous {

    /** What replaces a name (worker, driver, permit holder). */
    public static final String NAME = "***";
    /** What replaces a phone number (11 characters, as the column; not a mobile number). */
    public static final String PHONE = "00000000000";
    /** How every resident-ID placeholder starts: "ANON" + the row's id. */
    public static final String PREFIX = PersonalDataCipher.PLACEHOLDER_PREFIX;
    /** Room for the id in an 18-character resident-ID column. */
    static final int MAX_LENGTH = 18;

    private Anonymous() {
    }

    /** "ANON" + the row's id: unique, at most 18 characters, never a valid resident ID. */
    public static String residentId(long rowId) {
        if (rowId <= 0) {
            throw new IllegalArgumentException("row id " + rowId);
        }
        String s = PREFIX + rowId;
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("row id too long for a placeholder: " + rowId);
        }
        return s;
    }

    /** Whether a resident ID is already a placeholder. */
    public static boolean isPlaceholder(String residentId) {
        return residentId != null && residentId.startsWith(PREFIX);
    }

    /**
     * The first park-day on which the park's personal data is anonymised: {@code days} after the day
     * its closed loop ended; null while the loop has not ended.
     */
    public static LocalDate dueOn(LocalDate loopEndedOn, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("retention days " + days);
        }
        return loopEndedOn == null ? null : loopEndedOn.plusDays(days);
    }

    /** Whether the park's data is due on {@code today} (its own calendar day). */
    public static boolean isDue(LocalDate loopEndedOn, int days, LocalDate today) {
        LocalDate due = dueOn(loopEndedOn, days);
        return due != null && !today.isBefore(due);
    }
}
