package cn.loopgate.identity;

import jakarta.persistence.Query;

import java.util.Set;

/**
 * The firms a caller may read, as a condition that list queries append. Built only by
 * {@link AccessPolicy}, so that no page or resource writes its own copy of an access rule.
 */
public record FirmScope(Kind kind, Long firmId, Set<Long> parkIds) {

    public enum Kind { ALL, PARKS, FIRM, NONE }

    static final FirmScope ALL = new FirmScope(Kind.ALL, null, Set.of());
    static final FirmScope NONE = new FirmScope(Kind.NONE, null, Set.of());

    public FirmScope {
        parkIds = parkIds == null ? Set.of() : Set.copyOf(parkIds);
        if (kind == Kind.PARKS && parkIds.isEmpty()) {
            kind = Kind.NONE;
        }
    }

    public boolean includes(long firm, long park) {
        return switch (kind) {
            case ALL -> true;
            case PARKS -> parkIds.contains(park);
            case FIRM -> firmId == firm;
            case NONE -> false;
        };
    }

    public boolean includesPark(long park) {
        return kind == Kind.ALL || kind == Kind.PARKS && parkIds.contains(park);
    }

    /** A JPQL condition on a firm id path and a park id path, e.g. {@code where("f.id", "f.park.id")}. */
    public String where(String firmIdPath, String parkIdPath) {
        return switch (kind) {
            case ALL -> "(1 = 1)";
            case PARKS -> "(" + parkIdPath + " in :scopeParks)";
            case FIRM -> "(" + firmIdPath + " = :scopeFirm)";
            case NONE -> "(1 = 0)";
        };
    }

    /** Sets the parameters that {@link #where} introduced. */
    public <Q extends Query> Q bind(Q query) {
        if (kind == Kind.PARKS) {
            query.setParameter("scopeParks", parkIds);
        } else if (kind == Kind.FIRM) {
            query.setParameter("scopeFirm", firmId);
        }
        return query;
    }
}
