package cn.loopgate.health;

/**
 * What a firm's records say about one day in its park, to prefill the daily report (the manager confirms or
 * corrects): tests sampled, positive results among them, temperatures taken at the gates and fevers among them.
 */
public record DayCounts(int testsDone, int positiveCount, int temperatureChecks, int feverCount) {
}
