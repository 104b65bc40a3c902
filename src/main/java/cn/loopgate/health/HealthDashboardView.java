package cn.loopgate.health;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The health part of the dashboard (dashboard-overview.xhtml): each park's coverage, overdue tests, fevers and
 * incidents of the dashboard's day, for its park filter. The page passes the day and park, so the dashboard package
 * does not depend on this one.
 */
@Named
@ViewScoped
public class HealthDashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    HealthService health;
    @Inject
    AccessPolicy access;

    private LocalDate day;
    private Long parkId;
    private transient List<ParkHealthRow> rows;

    public boolean isShown() {
        return access.caller().isAnyOf(Role.ADMIN, Role.ANALYST, Role.LIAISON);
    }

    /** The rows of the day and park filter, read once per view while they stay the same. */
    public List<ParkHealthRow> rows(LocalDate forDay, Long forPark) {
        if (rows == null || !Objects.equals(day, forDay) || !Objects.equals(parkId, forPark)) {
            day = forDay;
            parkId = forPark;
            List<ParkHealthRow> r = FacesSupport.attempt(() -> health.byPark(forDay, forPark));
            rows = r == null ? List.of() : r;
        }
        return rows;
    }
}
