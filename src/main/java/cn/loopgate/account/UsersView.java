package cn.loopgate.account;

import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Administration of users and their bindings (admin/users.xhtml). */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserService users;
    @Inject
    transient ParkService parks;
    @Inject
    transient FirmService firms;

    private transient List<UserAccount> list;
    private Long id;
    private String username;
    private String displayName;
    private Role role;
    private Long firmId;
    private List<Long> parkIds = new ArrayList<>();
    private String email;
    private boolean enabled = true;
    private String password;

    public List<UserAccount> getList() {
        if (list == null) {
            list = users.list();
        }
        return list;
    }

    public List<Park> getParks() {
        return parks.parks();
    }

    public List<Firm> getFirms() {
        return firms.list(cn.loopgate.firm.FirmService.Filter.ANY, 0, 500).items();
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public void newUser() {
        id = null;
        username = displayName = email = password = null;
        role = null;
        firmId = null;
        parkIds = new ArrayList<>();
        enabled = true;
    }

    public void edit(UserAccount u) {
        id = u.getId();
        username = u.getUsername();
        displayName = u.getDisplayName();
        role = u.getRole();
        firmId = u.getFirmId();
        parkIds = new ArrayList<>(u.getParkIds());
        email = u.getEmail();
        enabled = u.isEnabled();
        password = null;
    }

    public void save() {
        UserData data = new UserData(username, displayName, role, firmId, new HashSet<>(parkIds), email, enabled, password);
        boolean ok = FacesSupport.attempt(() -> {
            if (id == null) {
                users.create(data);
            } else {
                users.update(id, data);
            }
        });
        if (ok) {
            FacesSupport.info("common.saved");
            list = null;
        }
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public Role getRole() { return role; }
    public void setRole(Role v) { role = v; }
    public Long getFirmId() { return firmId; }
    public void setFirmId(Long v) { firmId = v; }
    public List<Long> getParkIds() { return parkIds; }
    public void setParkIds(List<Long> v) { parkIds = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
}
