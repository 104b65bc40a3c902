package cn.loopgate.it;

import cn.loopgate.demo.Fakes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh firms and users for a test, made through the admin API, so that tests never depend on the
 * state of demo firms or on each other. Every user gets the demo password ({@link #PASSWORD}).
 */
public final class TestData {

    public static final String PASSWORD = "loopgate123";
    public static final Fakes FAKES = new Fakes(System.nanoTime());
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestData() {
    }

    public static long parkId(Api admin, String code) {
        for (JsonNode p : admin.get("parks").json()) {
            if (p.get("code").asText().equals(code)) {
                return p.get("id").asLong();
            }
        }
        throw new IllegalArgumentException("no park " + code);
    }

    /** A firm body that passes validation, in the given park. */
    public static ObjectNode firmBody(long parkId, boolean aboveSize, int registeredStaff) {
        return Api.obj().put("creditCode", FAKES.creditCode("320583"))
                .put("name", "测试企业" + SEQ.incrementAndGet() + "号有限公司" + FAKES.random().nextInt(1_000_000))
                .put("parkId", parkId).put("aboveSize", aboveSize).put("fourAbove", aboveSize ? "INDUSTRY" : "NONE")
                .put("industry", "MACHINERY").put("registeredStaff", registeredStaff).put("legalRep", FAKES.personName())
                .put("contactName", FAKES.personName()).put("contactPhone", FAKES.mobile()).put("address", "昆山市测试路" + SEQ.get() + "号");
    }

    /** Registers a firm and returns its id. */
    public static long newFirm(Api admin, String parkCode, boolean aboveSize, int registeredStaff) {
        Api.Res r = admin.post("firms", firmBody(parkId(admin, parkCode), aboveSize, registeredStaff));
        if (r.status() != 201) {
            throw new IllegalStateException("firm not created: " + r.raw());
        }
        return r.json().get("id").asLong();
    }

    /** Creates a user bound to a firm (firm managers) or parks (liaison officers); returns the username. */
    public static String newUser(Api admin, String role, Long firmId, long... parkIds) {
        String username = role.toLowerCase().replace('_', '-') + "-" + SEQ.incrementAndGet() + "-" + FAKES.random().nextInt(1_000_000);
        ObjectNode body = Api.obj().put("username", username).put("displayName", FAKES.personName()).put("role", role)
                .put("email", username + "@test.loopgate.cn").put("enabled", true).put("password", PASSWORD);
        if (firmId != null) {
            body.put("firmId", firmId);
        }
        ArrayNode parks = body.putArray("parkIds");
        for (long p : parkIds) {
            parks.add(p);
        }
        Api.Res r = admin.post("users", body);
        if (r.status() != 201) {
            throw new IllegalStateException("user not created: " + r.raw());
        }
        return username;
    }

    /** A new firm in the park with its own manager; returns the manager's client. */
    public static Api newManagedFirm(Portal portal, String parkCode, boolean aboveSize, int registeredStaff) {
        Api admin = portal.api("admin");
        long firm = newFirm(admin, parkCode, aboveSize, registeredStaff);
        return portal.api(newUser(admin, "FIRM_MANAGER", firm));
    }

    /**
     * The park's gate of that name, registered (by the admin) if it is not yet, with these guards bound to it
     * besides any already bound; returns its id. Gates belong to parks and guards scan only at their gates.
     */
    public static long gate(Api admin, String parkCode, String name, String... guards) {
        long park = parkId(admin, parkCode);
        for (JsonNode g : admin.get("gates?parkId=" + park).json()) {
            if (g.get("name").asText().equals(name)) {
                ObjectNode body = Api.obj().put("parkId", park).put("name", name);
                ArrayNode bound = body.putArray("guards");
                g.get("guards").forEach(bound::add);
                for (String guard : guards) {
                    bound.add(guard);
                }
                Api.Res r = admin.put("gates/" + g.get("id").asLong(), body);
                if (r.status() != 200) {
                    throw new IllegalStateException("gate not updated: " + r.raw());
                }
                return g.get("id").asLong();
            }
        }
        ObjectNode body = Api.obj().put("parkId", park).put("name", name);
        ArrayNode bound = body.putArray("guards");
        for (String guard : guards) {
            bound.add(guard);
        }
        Api.Res r = admin.post("gates", body);
        if (r.status() != 201) {
            throw new IllegalStateException("gate not registered: " + r.raw());
        }
        return r.json().get("id").asLong();
    }
}
