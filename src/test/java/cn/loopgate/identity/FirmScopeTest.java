package cn.loopgate.identity;

import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The firm scopes (issue 18: a firm-bound liaison officer sees exactly their firms) and how AccessPolicy builds them. */
class FirmScopeTest {

    static AccessPolicy policyFor(Caller caller) {
        AccessPolicy p = new AccessPolicy();
        p.current = new CurrentCaller() {
            @Override
            public Caller get() {
                return caller;
            }
        };
        return p;
    }

    static final Caller PARK_WIDE = new Caller("liaison.cd", "城东", Role.LIAISON, null, Set.of(1L, 2L), 10L);
    static final Caller FIRM_BOUND = new Caller("liaison.cd1", "专员", Role.LIAISON, null, Set.of(), 11L, Set.of(100L, 101L));
    static final Caller UNASSIGNED = new Caller("liaison.new", "新专员", Role.LIAISON, null, Set.of(), 12L, Set.of());

    @Test
    void aFirmBoundScopeHoldsExactlyItsFirmsAndNoPark() {
        FirmScope s = FirmScope.ofFirms(Set.of(100L, 101L));
        assertEquals(FirmScope.Kind.FIRMS, s.kind());
        assertTrue(s.includes(100L, 1L));
        assertTrue(s.includes(101L, 2L));
        assertFalse(s.includes(102L, 1L), "another firm of the same park");
        assertFalse(s.includesPark(1L), "a firm-bound scope never holds a park whole");
        assertEquals("(f.id in :scopeFirms)", s.where("f.id", "f.park.id"));
        List<Object> params = new ArrayList<>();
        assertEquals("h.firm_id = any (?)", s.sql("h.firm_id", "h.park_id", params));
        assertEquals(1, params.size());
        assertEquals(Set.of(100L, 101L), Set.of((Long[]) params.get(0)));
    }

    @Test
    void noFirmsIsNoScope() {
        FirmScope s = FirmScope.ofFirms(Set.of());
        assertEquals(FirmScope.Kind.NONE, s.kind());
        assertFalse(s.includes(100L, 1L));
        assertEquals("(1 = 0)", s.where("f.id", "f.park.id"));
    }

    @Test
    void theOtherScopesAreUnchanged() {
        FirmScope parks = new FirmScope(FirmScope.Kind.PARKS, null, Set.of(1L));
        assertTrue(parks.includes(999L, 1L));
        assertTrue(parks.includesPark(1L));
        assertEquals("(f.park.id in :scopeParks)", parks.where("f.id", "f.park.id"));
        FirmScope firm = new FirmScope(FirmScope.Kind.FIRM, 5L, null);
        assertTrue(firm.includes(5L, 1L));
        assertFalse(firm.includesPark(1L));
        List<Object> params = new ArrayList<>();
        assertEquals("h.park_id = any (?)", parks.sql("h.firm_id", "h.park_id", params));
        assertArrayEquals(new Long[]{1L}, (Long[]) params.get(0));
        assertEquals("true", FirmScope.ALL.sql("a", "b", params));
        assertEquals("false", FirmScope.NONE.sql("a", "b", params));
        assertEquals(new FirmScope(FirmScope.Kind.PARKS, null, Set.of()).kind(), FirmScope.Kind.NONE);
    }

    @Test
    void aLiaisonWithParksIsParkWideAndOneWithoutIsFirmBound() {
        assertFalse(PARK_WIDE.isFirmBoundLiaison());
        assertTrue(FIRM_BOUND.isFirmBoundLiaison());
        assertEquals(FirmScope.Kind.PARKS, policyFor(PARK_WIDE).firmScope().kind());
        FirmScope bound = policyFor(FIRM_BOUND).firmScope();
        assertEquals(FirmScope.Kind.FIRMS, bound.kind());
        assertEquals(Set.of(100L, 101L), bound.firmIds());
        assertEquals(FirmScope.Kind.NONE, policyFor(UNASSIGNED).firmScope().kind(), "a firm-bound officer without firms sees none");
        // A manager's firm id is not an assignment: the six-argument caller carries no firms.
        assertEquals(Set.of(), new Caller("m", "m", Role.FIRM_MANAGER, 5L, null, 1L).firmIds());
    }

    @Test
    void aFirmBoundLiaisonReviewsTheirFirmsButHoldsNoParkLevelRight() {
        AccessPolicy p = policyFor(FIRM_BOUND);
        p.checkLiaison(100L, 1L);
        p.checkPeople(101L, 2L);
        assertEquals(DomainException.Kind.NOT_FOUND, assertThrows(DomainException.class, () -> p.checkLiaison(102L, 1L)).kind(),
                "the park's other firm answers 404");
        assertEquals(DomainException.Kind.FORBIDDEN, assertThrows(DomainException.class, () -> p.checkParkSteward(1L)).kind());
        assertEquals(DomainException.Kind.FORBIDDEN,
                assertThrows(DomainException.class, () -> p.checkLiaisonAssignment(100L, 1L)).kind(), "assigning is not theirs");
        AccessPolicy wide = policyFor(PARK_WIDE);
        wide.checkLiaisonAssignment(999L, 1L);
        assertEquals(DomainException.Kind.NOT_FOUND,
                assertThrows(DomainException.class, () -> wide.checkLiaisonAssignment(999L, 3L)).kind(), "another park's firm");
    }
}
