package cn.loopgate.verification;

import cn.loopgate.identity.Caller;
import cn.loopgate.identity.machine.ApiScope;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Which gates a scan may come from: a guard's own gates (the gate's guards list them), or, for a gate scanner with an
 * API credential of scope GATE, every gate of the credential's parks. Appended to the join of {@code gate g} with its
 * {@code park gk}; it takes the first two parameters.
 */
final class GuardedGates {

    static final String CONDITION = " and (exists (select 1 from gate_guard gg where gg.gate_id = g.id and gg.user_id = ?)"
            + " or g.park_id = any(?))";

    private GuardedGates() {
    }

    /** Binds parameters 1 (the guard's user id) and 2 (a gate scanner's parks; none for a person). */
    static void bind(PreparedStatement ps, Caller guard) throws SQLException {
        ps.setLong(1, guard.userId() == null ? -1L : guard.userId());
        Long[] parks = guard.machine() == ApiScope.GATE ? guard.parkIds().toArray(Long[]::new) : new Long[0];
        ps.setArray(2, ps.getConnection().createArrayOf("bigint", parks));
    }
}
