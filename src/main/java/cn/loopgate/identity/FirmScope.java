package cn.loopgate.identity;

import jakarta.persistence.Query;

import java.util.Set;

/**
 * The firms a caller may read, as a condition that list queries append. Built only by
 * {@link AccessPolicy}, so that no page or resource writes its own copy of an access rule.
 * <p>
 * {@link Kind#PARKS} is a park-wide liaison officer's whole parks; {@link Kind#FIRMS} is a firm-bound liaison
 * officer's assigned firms (一企一专员) and nothing else: such a scope holds no park whole, so
 * {@link #includesPark} is false for every park and park-level settings stay out of reach.
 */
public record FirmScope(Kind kind, Long firmId, Set<Long> parkIds, Set<Long> firmIds) {

    public enum Kind { ALL, PARKS, FIRMS, FIRM, NONE }

    static final FirmScope ALL = new FirmScope(Kind.ALL, null, Set.of(), Set.of());
    static final FirmScope NONE = new FirmScope(Kind.NONE, null, Set.of(), Set.of());

    public FirmScope {
        parkIds = parkIds == null ? Set.of() : Set.copyOf(parkIds);
        firmIds = firmIds == null ? Set.of() : Set.copyOf(firmIds);
        if (kind == Kind.PARKS && parkIds.isEmpty() || kind == Kind.FIRMS && firmIds.isEmpty()) {
            kind = Kind.NONE;
        }
    }

    /** A scope of all firms, of whole parks, of one firm or of none (the form every caller before issue 18 used). */
    public FirmScope(Kind kind, Long firmId, Set<Long> parkIds) {
        this(kind, firmId, parkIds, null);
    }

    /** A firm-bound liaison officer's scope: exactly these firms. */
    public static FirmScope ofFirms(Set<Long> firmIds) {
        return new FirmScope(Kind.FIRMS, null, null, firmIds);
    }

    public boolean includes(long firm, long park) {
        return switch (kind) {
            case ALL -> true;
            case PARKS -> parkIds.contains(park);
            case FIRMS -> firmIds.contains(firm);
            case FIRM -> firmId == firm;
            case NONE -> false;
        };
    }

    /** Whether the whole park is in scope (its figures, its settings): never for a firm-bound scope. */
    public boolean includesPark(long park) {
        return kind == Kind.ALL || kind == Kind.PARKS && parkIds.contains(park);
    }

    /** A JPQL condition on a firm id path and a park id path, e.g. {@code where("f.id", "f.park.id")}. */
    public String where(String firmIdPath, String parkIdPath) {
        return switch (kind) {
            case ALL -> "(1 = 1)";
            case PARKS -> "(" + parkIdPath + " in :scopeParks)";
            case FIRMS -> "(" + firmIdPath + " in :scopeFirms)";
            case FIRM -> "(" + firmIdPath + " = :scopeFirm)";
            case NONE -> "(1 = 0)";
        };
    }

    /** Sets the parameters that {@link #where} introduced. */
    public <Q extends Query> Q bind(Q query) {
        if (kind == Kind.PARKS) {
            query.setParameter("scopeParks", parkIds);
        } else if (kind == Kind.FIRMS) {
            query.setParameter("scopeFirms", firmIds);
        } else if (kind == Kind.FIRM) {
            query.setParameter("scopeFirm", firmId);
        }
        return query;
    }

    /**
     * The same condition in SQL over a firm id column and a park id column, for native queries (one {@code ?}
     * parameter at most, added to {@code params}): {@code sql("h.firm_id", "h.park_id", params)}.
     */
    public String sql(String firmIdColumn, String parkIdColumn, java.util.List<Object> params) {
        return switch (kind) {
            case ALL -> "true";
            case PARKS -> {
                params.add(parkIds.toArray(new Long[0]));
                yield parkIdColumn + " = any (?)";
            }
            case FIRMS -> {
                params.add(firmIds.toArray(new Long[0]));
                yield firmIdColumn + " = any (?)";
            }
            case FIRM -> {
                params.add(firmId);
                yield firmIdColumn + " = ?";
            }
            case NONE -> "false";
        };
    }
}
