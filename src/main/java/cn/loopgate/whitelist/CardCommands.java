package cn.loopgate.whitelist;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

import java.time.LocalDate;
import java.util.List;

/** The commands of whitelist cards, validated by the service. */
public final class CardCommands {

    private CardCommands() {
    }

    /** A firm applies for cards for these workers, valid from the first to the last day (inclusive). */
    public record Apply(Long firmId, @Required LocalDate validFrom, @Required LocalDate validTo, @Required List<Long> workerIds) {
    }

    /** One worker refused, with the reason the firm will read. */
    public record Rejection(long itemId, @Required @Length(max = 300) String reason) {
    }

    /**
     * A liaison officer's decision on a batch as they saw it ({@code version}): approve all pending
     * items, or those listed; reject the listed ones with reasons. Items not named stay pending.
     */
    public record Review(long version, boolean approveAll, List<Long> approve, List<Rejection> reject) {
    }

    /** Revocation or reissue, with the reason (worker left, tested positive, lost card, ...). */
    public record Reason(@Required @Length(max = 300) String reason) {
    }
}
