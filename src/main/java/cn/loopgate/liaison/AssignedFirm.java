package cn.loopgate.liaison;

import java.io.Serializable;
import java.time.Instant;

/** A firm with its park and its named liaison officer (null when the park's officers act for it). */
public record AssignedFirm(long firmId, String name, String creditCode, long parkId, String parkName,
                           Long liaisonUserId, String liaisonUsername, String liaisonName, Instant assignedAt) implements Serializable {
}
