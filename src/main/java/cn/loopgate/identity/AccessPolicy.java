package cn.loopgate.identity;

import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place that decides who may see and do what. Every service asks it before it reads or
 * writes; pages and resources never decide access themselves.
 *
 * <ul>
 *   <li>A firm manager reads and writes only their firm.</li>
 *   <li>A liaison officer reads the firms of their parks and reviews their applications; a firm-bound liaison
 *   officer (no parks, 一企一专员) does so for exactly their assigned firms and holds no park-level right.</li>
 *   <li>A bureau analyst reads everything and writes nothing, with one exception: the bureau
 *   coordinates problems escalated to it ({@link #checkProblemCoordination}).</li>
 *   <li>A gate guard only verifies permits: no firm is in their scope.</li>
 *   <li>An administrator manages master data and bindings: all firms, but no workers' personal data.</li>
 * </ul>
 * An object outside the caller's scope answers "not found" (its existence is not revealed); an
 * action the caller's role may not take on a visible object answers "forbidden".
 */
@ApplicationScoped
public class AccessPolicy {

    @Inject
    CurrentCaller current;

    public Caller caller() {
        return current.get();
    }

    /** Refuses (403) unless the caller holds one of {@code roles}. */
    public Caller require(Role... roles) {
        Caller c = caller();
        if (c.role() == null || !c.isAnyOf(roles)) {
            throw DomainException.forbidden();
        }
        return c;
    }

    /** Which firms the caller may read. */
    public FirmScope firmScope() {
        Caller c = caller();
        if (c.role() == null) {
            return FirmScope.NONE;
        }
        return switch (c.role()) {
            case ANALYST, ADMIN -> FirmScope.ALL;
            case LIAISON -> c.isFirmBoundLiaison() ? FirmScope.ofFirms(c.firmIds()) : new FirmScope(FirmScope.Kind.PARKS, null, c.parkIds());
            case FIRM_MANAGER -> new FirmScope(FirmScope.Kind.FIRM, c.firmId(), null);
            case GUARD -> FirmScope.NONE;
        };
    }

    /** 404 unless the firm is in the caller's read scope. */
    public void checkRead(long firmId, long parkId) {
        if (!firmScope().includes(firmId, parkId)) {
            throw DomainException.notFound();
        }
    }

    /**
     * A firm's own business (plans, reports, rosters, applications): its manager only.
     * 404 outside the read scope, 403 inside it for any other role.
     */
    public Caller checkFirmWrite(long firmId, long parkId) {
        checkRead(firmId, parkId);
        return require(Role.FIRM_MANAGER);
    }

    /** Reviews and approvals in a park: its liaison officers only. */
    public Caller checkLiaison(long firmId, long parkId) {
        checkRead(firmId, parkId);
        return require(Role.LIAISON);
    }

    /** Workers' personal data (resident IDs, phones): the firm's manager and its park's liaison. */
    public boolean canSeeWorkers(long firmId, long parkId) {
        Caller c = caller();
        return c.isAnyOf(Role.FIRM_MANAGER, Role.LIAISON) && firmScope().includes(firmId, parkId);
    }

    /**
     * Records about named people (workers, card holders, drivers): the firm's manager and its park's
     * liaison officers. 404 outside the read scope, 403 for other roles (analysts and administrators
     * count and manage, they do not need names).
     */
    public Caller checkPeople(long firmId, long parkId) {
        checkRead(firmId, parkId);
        return require(Role.FIRM_MANAGER, Role.LIAISON);
    }

    /** The firms whose people-records the caller may list: their read scope if manager or liaison, else none. */
    public FirmScope peopleScope() {
        Caller c = caller();
        return c.isAnyOf(Role.FIRM_MANAGER, Role.LIAISON) ? firmScope() : FirmScope.NONE;
    }

    /**
     * A named contact's phone in full (a firm's contact, a plan's on-site officer), on a single record only:
     * the people who need to call — the firm's own manager and its park's liaison officers — and the
     * administrators who keep the firm's registration. Lists show it masked to everyone (issue 19).
     */
    public boolean canCallContact(long firmId, long parkId) {
        Caller c = caller();
        return c.is(Role.ADMIN) || (c.isAnyOf(Role.FIRM_MANAGER, Role.LIAISON) && firmScope().includes(firmId, parkId));
    }

    /** Unmasked resident IDs and phones: the firm's own manager only. */
    public boolean canSeeUnmasked(long firmId) {
        Caller c = caller();
        return c.is(Role.FIRM_MANAGER) && c.firmId() != null && c.firmId() == firmId;
    }

    /**
     * The bureau's one write: assigning a problem a liaison officer escalated to it (交办 / 督办) to a
     * named department with a due time. Bureau analysts only; 404 outside the read scope (none for an
     * analyst). Kept narrow on purpose: it does not let analysts change anything a firm files.
     */
    public Caller checkProblemCoordination(long firmId, long parkId) {
        checkRead(firmId, parkId);
        return require(Role.ANALYST);
    }

    /**
     * A park's gates, the guards bound to them and its gate policy: administrators, and the liaison officers
     * of that park. Parks are visible to every liaison, so another park's answers 403, not 404.
     */
    public Caller checkParkSteward(long parkId) {
        Caller c = require(Role.ADMIN, Role.LIAISON);
        if (c.is(Role.LIAISON) && !c.parkIds().contains(parkId)) {
            throw DomainException.forbidden();
        }
        return c;
    }

    /**
     * Assigning firms to liaison officers (一企一专员): administrators anywhere; a park-wide liaison officer for
     * the firms of their own parks (404 for another park's firm, as reading it would); everyone else 403.
     */
    public Caller checkLiaisonAssignment(long firmId, long parkId) {
        Caller c = require(Role.ADMIN, Role.LIAISON);
        if (c.is(Role.LIAISON)) {
            checkRead(firmId, parkId);
            if (c.isFirmBoundLiaison()) {
                throw DomainException.forbidden();
            }
        }
        return c;
    }

    /** Master data (districts, parks, firms' registration, users): administrators. */
    public Caller requireAdmin() {
        return require(Role.ADMIN);
    }

    /**
     * A firm's manager accounts (invite, reset, disable): administrators, and the liaison officers of the
     * firm's park. 404 outside the read scope, 403 for other roles.
     */
    public Caller checkManagerAccounts(long firmId, long parkId) {
        checkRead(firmId, parkId);
        return require(Role.ADMIN, Role.LIAISON);
    }
}
