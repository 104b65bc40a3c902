package cn.loopgate.health;

import java.time.Instant;

/** A test as listed: the worker's resident ID always masked, the name masked for those who may not see people. */
public record HealthTestRow(long id, long workerId, String workerName, String residentId, Instant sampledAt, TestResult result,
                            String site, HealthTest.Source source, String enteredBy, Instant enteredAt, long version) {
}
