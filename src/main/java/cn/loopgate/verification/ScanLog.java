package cn.loopgate.verification;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitType;
import cn.loopgate.shared.persistence.Database;
import cn.loopgate.shared.persistence.Page;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the scan log ({@code gate_scan}): bureau analysts all of it, liaison officers the scans at their
 * parks' gates and of their parks' permits. Holders are shown as on the gate's screen (masked names, plates
 * as is); nothing else about a person. Newest first, paged, with the total.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ScanLog {

    /** Filters; null means any. {@code to} is exclusive. */
    public record Filter(Long parkId, Long gateId, Verdict result, Instant from, Instant to, String permitNumber) {
    }

    /**
     * One logged call. {@code timeZone}: the zone of the gate's park (of the permit's for rows older than
     * registered gates), in which pages show the time.
     */
    public record Row(long id, Instant scannedAt, String timeZone, String gate, Long gateId, String park, String guard,
                      Verdict result, Long permitId, PermitType type, String permitNumber, String holder, String firm,
                      java.math.BigDecimal temperature) implements java.io.Serializable {
    }

    private static final String FROM = " from gate_scan s left join permit p on p.id = s.permit_id"
            + " left join firm f on f.id = s.firm_id left join park gp on gp.id = s.gate_park_id"
            + " left join park pp on pp.id = s.park_id";

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;
    @Inject
    AccessPolicy access;

    public Page<Row> search(Filter f, int offset, int limit) {
        access.require(Role.LIAISON, Role.ANALYST);
        FirmScope scope = access.firmScope();
        if (scope.kind() == FirmScope.Kind.NONE) {
            return new Page<>(List.of(), 0, offset, limit);
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (scope.kind() == FirmScope.Kind.PARKS) {
            where.append(" and (s.gate_park_id = any(?) or s.park_id = any(?))");
            args.add(scope.parkIds().toArray(Long[]::new));
            args.add(scope.parkIds().toArray(Long[]::new));
        } else if (scope.kind() == FirmScope.Kind.FIRMS) {
            // A firm-bound liaison officer: the scans of their firms' cards and passes, not the park's gates.
            where.append(" and s.firm_id = any(?)");
            args.add(scope.firmIds().toArray(Long[]::new));
        }
        if (f.parkId() != null) {
            where.append(" and (s.gate_park_id = ? or (s.gate_park_id is null and s.park_id = ?))");
            args.add(f.parkId());
            args.add(f.parkId());
        }
        if (f.gateId() != null) {
            where.append(" and s.gate_id = ?");
            args.add(f.gateId());
        }
        if (f.result() != null) {
            where.append(" and s.result = ?");
            args.add(f.result().name());
        }
        if (f.from() != null) {
            where.append(" and s.scanned_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" and s.scanned_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (f.permitNumber() != null && !f.permitNumber().isBlank()) {
            where.append(" and p.number = ?");
            args.add(f.permitNumber().strip());
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + FROM + where)) {
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select s.id, s.scanned_at, coalesce(gp.time_zone, pp.time_zone, 'Asia/Shanghai'),"
                    + " s.gate, s.gate_id, coalesce(gp.name, pp.name), s.guard, s.result, s.permit_id, p.type, p.number, p.holder_name, f.name,"
                    + " s.temperature"
                    + FROM + where + " order by s.scanned_at desc, s.id desc offset ? limit ?")) {
                bind(c, ps, args);
                ps.setInt(args.size() + 1, offset);
                ps.setInt(args.size() + 2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        PermitType type = rs.getString(10) == null ? null : PermitType.valueOf(rs.getString(10));
                        rows.add(new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                                (Long) rs.getObject(5), rs.getString(6), rs.getString(7), Verdict.valueOf(rs.getString(8)),
                                (Long) rs.getObject(9), type, rs.getString(11),
                                type == null ? null : PermitDocuments.shownHolder(type, rs.getString(12)), rs.getString(13),
                                rs.getBigDecimal(14)));
                    }
                }
            }
            return new Page<>(rows, total, offset, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("scan log not read", e);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long[] ids) {
                ps.setArray(i + 1, c.createArrayOf("bigint", ids));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
