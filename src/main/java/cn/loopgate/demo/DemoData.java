package cn.loopgate.demo;

import cn.loopgate.shared.TimeZones;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmData;
import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.identity.Role;
import cn.loopgate.liaison.FirmLiaison;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.Passwords;
import cn.loopgate.park.District;
import cn.loopgate.park.Gate;
import cn.loopgate.park.Park;
import cn.loopgate.roster.Worker;
import cn.loopgate.roster.WorkerData;
import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Seeds the demo city on the first start of an empty database, when {@code loopgate.demo-data=true}.
 * Prints the demo logins (never any personal data) to the log.
 */
@Singleton
@Startup
@DependsOn("Database")
public class DemoData {

    /** The password of every demo user. */
    public static final String PASSWORD = "loopgate123";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    private static final String AREA = "320583";

    @PersistenceContext
    EntityManager em;
    @Inject
    Passwords passwords;
    @Inject
    Clock clock;
    @Inject
    Database database;
    @Inject
    @ConfigProperty(name = "loopgate.demo-data", defaultValue = "false")
    boolean enabled;

    private boolean seededNow;

    /** Whether this start seeded the demo city (an empty database); later demo seeding builds on it only then. */
    public boolean seededNow() {
        return seededNow;
    }

    @PostConstruct
    void seed() {
        if (!enabled) {
            return;
        }
        if (em.createQuery("select count(d) from District d", Long.class).getSingleResult() > 0) {
            LOG.info(this::logins);
            return;
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(TimeZones.CHINA).toLocalDate();
        Fakes fakes = new Fakes(20200210L);

        District east = persist(new District("CD", "城东区", "Chengdong District", now));
        District river = persist(new District("BJ", "滨江区", "Binjiang District", now));
        List<Park> parks = List.of(
                persist(new Park(east, "CD-ETZ", "城东经济技术开发区", "Chengdong Economic-Technological Zone", now)),
                persist(new Park(east, "CD-HTP", "城东高新技术产业园", "Chengdong High-Tech Park", now)),
                persist(new Park(river, "BJ-IND", "滨江工业园", "Binjiang Industrial Park", now)),
                persist(new Park(river, "BJ-LOG", "滨江现代物流园", "Binjiang Logistics Park", now)));

        Industry[] industries = Industry.values();
        List<Firm> firms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Park park = parks.get(i % 4);
            boolean above = i % 5 < 2;
            Industry industry = park.getCode().equals("BJ-LOG") ? Industry.LOGISTICS : industries[i % 9];
            FourAbove category = above ? (industry == Industry.LOGISTICS ? FourAbove.SERVICES : FourAbove.INDUSTRY) : FourAbove.NONE;
            int staff = above ? 200 + fakes.random().nextInt(1800) : 20 + fakes.random().nextInt(150);
            FirmData d = new FirmData(fakes.creditCode(AREA), fakes.firmName("昆山", i), park.getId(), above, category,
                    industry, staff, fakes.personName(), fakes.personName(), fakes.mobile(),
                    "昆山市" + park.getName() + (i + 1) + "号", null);
            Firm firm = new Firm(park, d.creditCode(), today.minusDays(90), now);
            firm.describe(d, park, now);
            em.persist(firm);
            firms.add(firm);
        }
        int workers = 0;
        for (Firm firm : firms) {
            int n = Math.min(firm.getRegisteredStaff(), 6 + fakes.random().nextInt(10));
            for (int k = 0; k < n; k++) {
                em.persist(new Worker(firm, new WorkerData(fakes.personName(), fakes.residentId(AREA), fakes.mobile(),
                        k == 0 ? "安全员" : "操作工", today.minusDays(200 + k), null, null), now));
                workers++;
            }
        }

        String hash = passwords.hashPassword(PASSWORD);
        user("admin", "系统管理员", Role.ADMIN, null, Set.of(), hash, now);
        user("analyst", "工信局分析员", Role.ANALYST, null, Set.of(), hash, now);
        UserAccount guard = user("guard", "卡口值守员", Role.GUARD, null, Set.of(), hash, now);
        user("liaison.cd", "城东联络员", Role.LIAISON, null, Set.of(parks.get(0).getId(), parks.get(1).getId()), hash, now);
        user("liaison.bj", "滨江联络员", Role.LIAISON, null, Set.of(parks.get(2).getId(), parks.get(3).getId()), hash, now);
        // Issue 18: a firm-bound liaison officer (一企一专员, no parks) named for two firms of CD-ETZ (manager09's and
        // manager13's); the park-wide liaison.cd still sees the whole park.
        UserAccount cd1 = user("liaison.cd1", "城东驻企专员", Role.LIAISON, null, Set.of(), hash, now);
        em.flush();
        for (int i : new int[]{8, 12}) {
            em.persist(new FirmLiaison(firms.get(i).getId(), cd1.getId(), now, "system"));
        }
        for (int i = 0; i < firms.size(); i++) {
            user(String.format("manager%02d", i + 1), firms.get(i).getContactName(), Role.FIRM_MANAGER,
                    firms.get(i).getId(), Set.of(), hash, now);
        }
        em.flush();
        gates(parks, guard, now);
        seededNow = true;
        int seededWorkers = workers;
        LOG.info(() -> "Demo data seeded: 2 districts, 4 parks, " + firms.size() + " firms, " + seededWorkers + " workers.");
        LOG.info(this::logins);
    }

    private String logins() {
        return "Demo logins (password " + PASSWORD + " for all): admin, analyst, guard, liaison.cd, liaison.bj, liaison.cd1 (firm-bound), manager01 … manager40";
    }

    private <T> T persist(T entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }

    private UserAccount user(String username, String name, Role role, Long firmId, Set<Long> parks, String hash, Instant now) {
        UserAccount u = new UserAccount(username, name, role, now);
        u.bind(role, firmId, parks);
        u.describe(name, username + "@demo.loopgate.cn", true);
        u.setPasswordHash(hash);
        em.persist(u);
        return u;
    }

    /**
     * Two gates per park, named apart across parks so that the demo guard, bound to all of them (one login
     * for trying every park's permits), can name a gate unambiguously; "东门" is the first park's main gate.
     */
    private void gates(List<Park> parks, UserAccount guard, Instant now) {
        String[][] names = {{"东门", "西门"}, {"高新园南门", "高新园北门"}, {"工业园东门", "工业园西门"}, {"物流园货运门", "物流园北门"}};
        for (int i = 0; i < parks.size(); i++) {
            for (String name : names[i]) {
                Gate g = new Gate(parks.get(i), name, now);
                g.addGuard(guard.getId());
                em.persist(g);
            }
        }
        em.flush();
    }
}
