package cn.loopgate.account;

import cn.loopgate.firm.FirmOption;
import cn.loopgate.firm.FirmPicker;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.Serializable;
import java.util.List;

/**
 * A firm's manager accounts (managers.xhtml) for administrators and the park's liaison officers: pick the
 * firm, invite a manager, reset a password, disable or enable an account.
 */
@Named
@ViewScoped
public class ManagersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccountService accounts;
    @Inject
    FirmPicker picker;

    private FirmOption firm;
    private transient List<ManagerResource.ManagerView> list;
    private String username;
    private String displayName;
    private String email;
    private String phone;
    /** What the last invitation or reset did, shown once: the channels, or the link to hand over. */
    private AccountService.Delivery delivery;

    /** The firm from the {@code firmId} request parameter (links from the firm lists), when in the caller's scope. */
    @PostConstruct
    void init() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("firmId");
        if (id != null && id.matches("\\d{1,18}")) {
            firm = picker.option(Long.valueOf(id));
        }
    }

    public void pick() {
        list = null;
        delivery = null;
    }

    public List<ManagerResource.ManagerView> getList() {
        if (list == null) {
            list = firm == null ? List.of()
                    : FacesSupport.attempt(() -> accounts.managers(firm.id()).stream().map(ManagerResource.ManagerView::of).toList());
            if (list == null) {
                list = List.of();
            }
        }
        return list;
    }

    public void invite() {
        if (firm == null) {
            FacesSupport.error("managers.pickFirm");
            return;
        }
        AccountService.Delivery d = FacesSupport.attempt(() -> accounts.invite(firm.id(), new InviteData(username, displayName, email, phone)));
        if (d != null) {
            delivery = d;
            username = displayName = email = phone = null;
            list = null;
            FacesSupport.info("managers.invited", d.username());
        }
    }

    public void reset(long userId) {
        AccountService.Delivery d = FacesSupport.attempt(() -> accounts.reset(userId));
        if (d != null) {
            delivery = d;
            list = null;
            FacesSupport.info("managers.resetDone", d.username());
        }
    }

    public void enable(long userId, boolean enabled) {
        if (FacesSupport.attempt(() -> accounts.setEnabled(userId, enabled)) != null) {
            list = null;
            FacesSupport.info(enabled ? "managers.enabled" : "managers.disabled");
        }
    }

    /** The delivered channels in words, e.g. "邮件、短信". */
    public String getChannels() {
        if (delivery == null || delivery.channels().isEmpty()) {
            return "";
        }
        return String.join(FacesSupport.text("channel.separator"),
                delivery.channels().stream().map(c -> FacesSupport.text("channel." + c)).toList());
    }

    /** The link to hand over, absolute under the portal's public address (what the person will open). */
    public String getLinkUrl() {
        if (delivery == null || delivery.link() == null) {
            return null;
        }
        // Read here, not injected: a config producer is not passivation-capable, and this bean is view-scoped.
        String publicUrl = ConfigProvider.getConfig().getOptionalValue("loopgate.public-url", String.class).orElse("http://localhost:8080");
        return publicUrl.replaceAll("/+$", "") + delivery.link();
    }

    public AccountService.Delivery getDelivery() { return delivery; }
    public FirmOption getFirm() { return firm; }
    public void setFirm(FirmOption v) { firm = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
}
