package cn.loopgate.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An incident as its workers see it: the case (resident ID masked; the name masked for analysts), the people and
 * vehicles to trace, the worker's gate scans of the 7 days before it opened, the actions and the holds placed.
 */
public record IncidentDetail(long id, HealthIncident.Status status, long firmId, String firmName, long parkId, long workerId,
                             String workerName, String residentId, Instant sampledAt, boolean firmSuspended,
                             Instant openedAt, String openedBy, Instant acknowledgedAt, String acknowledgedBy,
                             Instant closedAt, String closedBy, String closingNote, long version,
                             List<Contact> shiftMates, List<Contact> roomMates, List<Vehicle> vehicles, List<Scan> scans,
                             List<Action> actions, List<HoldRow> holds) {

    /** A co-worker to trace (same shift/team or same dormitory room). */
    public record Contact(long workerId, String name, String residentId, String shiftTeam, String dormitory) {
    }

    /** A vehicle pass the worker drove or co-drove, and the other driver. */
    public record Vehicle(long passId, String plate, String otherDriver, LocalDate validFrom, LocalDate validTo) {
    }

    /** A gate scan of the worker's cards. */
    public record Scan(Instant at, String gate, String result, BigDecimal temperature) {
    }

    /** An action recorded on the incident. */
    public record Action(Instant at, String actor, String text) {
    }
}
