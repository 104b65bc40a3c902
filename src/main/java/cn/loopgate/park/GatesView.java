package cn.loopgate.park;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The gates page (gates.xhtml) for administrators and liaison officers: the gates of the parks they look
 * after, one form to register or change a gate and bind its guards, and each park's gate policy.
 */
@Named
@ViewScoped
public class GatesView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A gate as listed: what the table shows. */
    public record Row(long id, long parkId, String park, String name, boolean active, String guards) implements Serializable {
    }

    /** A park the caller looks after, with its policy. */
    public record ParkPolicy(long id, String name, boolean admitsOtherParks) implements Serializable {
    }

    @Inject
    GateRegistry registry;
    @Inject
    ParkService parks;
    @Inject
    AccessPolicy access;

    private List<Row> rows;
    private List<ParkPolicy> policies;
    private Long editId;
    private Long parkId;
    private String name;
    private boolean active = true;
    private List<String> guards = new ArrayList<>();

    public List<Row> getRows() {
        if (rows == null) {
            rows = registry.gates(null).stream().map(g -> new Row(g.getId(), g.getPark().getId(), g.getPark().getName(),
                    g.getName(), g.isActive(), String.join("、", registry.guardNames(g)))).toList();
        }
        return rows;
    }

    /** The parks whose gates the caller manages (all for administrators, their own for liaison officers). */
    public List<ParkPolicy> getPolicies() {
        if (policies == null) {
            Caller c = access.caller();
            policies = parks.parks().stream().filter(p -> c.is(Role.ADMIN) || c.parkIds().contains(p.getId()))
                    .map(p -> new ParkPolicy(p.getId(), p.getName(), p.isAdmitsOtherParks())).toList();
        }
        return policies;
    }

    public List<GateRegistry.GuardOption> getGuardOptions() {
        return registry.guardOptions();
    }

    public void edit(Row r) {
        Gate g = registry.gate(r.id());
        editId = g.getId();
        parkId = g.getPark().getId();
        name = g.getName();
        active = g.isActive();
        guards = new ArrayList<>(registry.guardNames(g));
    }

    public void clear() {
        editId = null;
        name = null;
        active = true;
        guards = new ArrayList<>();
    }

    public void save() {
        GateData data = new GateData(parkId, name, active, guards);
        boolean ok = FacesSupport.attempt((Runnable) () -> {
            if (editId == null) {
                registry.register(data);
            } else {
                registry.update(editId, data);
            }
        });
        if (ok) {
            FacesSupport.info("gates.saved", name);
            clear();
            rows = null;
        }
    }

    public void togglePolicy(ParkPolicy p) {
        if (FacesSupport.attempt((Runnable) () -> registry.admitOtherParks(p.id(), !p.admitsOtherParks()))) {
            policies = null;
        }
    }

    public Long getEditId() { return editId; }
    public Long getParkId() { return parkId; }
    public void setParkId(Long v) { parkId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public boolean isActive() { return active; }
    public void setActive(boolean v) { active = v; }
    public List<String> getGuards() { return guards; }
    public void setGuards(List<String> v) { guards = v == null ? new ArrayList<>() : new ArrayList<>(v); }
}
