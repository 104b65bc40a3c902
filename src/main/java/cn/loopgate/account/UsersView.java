package cn.loopgate.account;

import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.firm.FirmOption;
import cn.loopgate.firm.FirmPicker;
import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
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
    UserService users;
    @Inject
    ParkService parks;
    @Inject
    FirmPicker picker;

    private PageModel<UserAccount> model;
    private String text;
    private Role roleFilter;
    private Long id;
    private String username;
    private String displayName;
    private Role role;
    private FirmOption firm;
    private List<Long> parkIds = new ArrayList<>();
    /** A liaison officer bound to assigned firms rather than to parks (一企一专员, issue 18): saved without parks. */
    private boolean firmBound;
    private String email;
    private boolean enabled = true;
    private String password;

    /** Lazy: only the page shown is read, filtered by text and role (25,000 users do not fit one list). */
    public PageModel<UserAccount> getModel() {
        if (model == null) {
            model = PageModel.of((first, size) -> users.search(new UserService.Filter(text, roleFilter), first, size));
        }
        return model;
    }

    public List<Park> getParks() {
        return parks.parks();
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public void newUser() {
        id = null;
        username = displayName = email = password = null;
        role = null;
        firm = null;
        parkIds = new ArrayList<>();
        firmBound = false;
        enabled = true;
    }

    public void edit(UserAccount u) {
        id = u.getId();
        username = u.getUsername();
        displayName = u.getDisplayName();
        role = u.getRole();
        firm = picker.option(u.getFirmId());
        parkIds = new ArrayList<>(u.getParkIds());
        firmBound = u.getRole() == Role.LIAISON && u.getParkIds().isEmpty();
        email = u.getEmail();
        enabled = u.isEnabled();
        password = null;
    }

    public void save() {
        if (role == Role.LIAISON && firmBound) {
            parkIds = new ArrayList<>();
        } else if (role == Role.LIAISON && parkIds.isEmpty()) {
            FacesSupport.error("validation.liaisonNeedsParks"); // park-wide needs parks; firm-bound is the explicit choice
            jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        UserData data = new UserData(username, displayName, role, firm == null ? null : firm.id(), new HashSet<>(parkIds), email, enabled, password);
        boolean ok = FacesSupport.attempt(() -> {
            if (id == null) {
                users.create(data);
            } else {
                users.update(id, data);
            }
        });
        if (ok) {
            FacesSupport.info("common.saved");
            model = null;
        }
    }

    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public Role getRoleFilter() { return roleFilter; }
    public void setRoleFilter(Role v) { roleFilter = v; }
    public Long getId() { return id; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public Role getRole() { return role; }
    public void setRole(Role v) { role = v; }
    /** The bound firm, chosen with the searchable picker (no list of every firm). */
    public FirmOption getFirm() { return firm; }
    public void setFirm(FirmOption v) { firm = v; }
    public List<Long> getParkIds() { return parkIds; }
    public boolean isFirmBound() { return firmBound; }
    public void setFirmBound(boolean v) { firmBound = v; }
    public void setParkIds(List<Long> v) { parkIds = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
}
