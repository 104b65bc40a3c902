package cn.loopgate.liaison;

import java.util.List;

/**
 * Assigns firms to a liaison officer, or takes their liaison away ({@code liaisonUserId} null). The bulk form of the
 * API and the multi-select of the page; one firm is a list of one.
 */
public record AssignmentData(List<Long> firmIds, Long liaisonUserId) {
}
