package cn.loopgate.apicredential;

import cn.loopgate.firm.FirmOption;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.machine.ApiScope;
import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.shared.ClockProducer;
import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The API credentials page (api-credentials.xhtml): administrators see and issue every credential, a firm's manager
 * those of their firm (scope FIRM only). A new credential's secret is shown once, right after it is issued; leaving
 * or reloading the page forgets it.
 */
@Named
@ViewScoped
public class ApiCredentialsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiCredentialService credentials;
    @Inject
    ParkService parks;
    @Inject
    AccessPolicy access;
    @Inject
    ClockProducer clocks;

    private transient List<ApiCredentialRow> list;
    private transient List<SelectItem> parkItems;
    private String name;
    private ApiScope scope = ApiScope.FIRM;
    private FirmOption firm;
    private List<Long> parkIds = new ArrayList<>();
    private LocalDate expiresOn;
    /** The secret just issued: shown once, then gone with the view. */
    private String secret;
    private String secretName;

    public boolean isAdmin() {
        return access.caller().is(Role.ADMIN);
    }

    public List<ApiCredentialRow> getList() {
        if (list == null) {
            list = FacesSupport.attempt(() -> credentials.list());
            if (list == null) {
                list = List.of();
            }
        }
        return list;
    }

    /** The parks an administrator can bind a PARK or GATE credential to. */
    public List<SelectItem> getParkItems() {
        if (parkItems == null) {
            parkItems = new ArrayList<>();
            if (isAdmin()) {
                for (Park p : parks.parks()) {
                    parkItems.add(new SelectItem(p.getId(), p.getCode() + " " + p.getName()));
                }
            }
        }
        return parkItems;
    }

    public ApiScope[] getScopes() {
        return isAdmin() ? ApiScope.values() : new ApiScope[] {ApiScope.FIRM};
    }

    /** The furthest and the nearest expiry the date picker offers. */
    public LocalDate getMaxExpiry() {
        return today().plusDays(credentials.maxDays());
    }

    public LocalDate getMinExpiry() {
        return today().plusDays(1);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clocks.clock().instant(), TimeZones.CHINA);
    }

    public void issue() {
        ApiCredentialData data = new ApiCredentialData(name, scope, scope == ApiScope.FIRM && firm != null ? firm.id() : null,
                scope == ApiScope.FIRM ? List.of() : parkIds, expiresOn);
        ApiCredentialService.Issued issued = FacesSupport.attempt(() -> credentials.issue(data));
        if (issued != null) {
            secret = issued.secret();
            secretName = issued.credential().name();
            name = null;
            firm = null;
            parkIds = new ArrayList<>();
            expiresOn = null;
            list = null;
            FacesSupport.info("apiCredential.issued", issued.credential().name());
        }
    }

    public void revoke(long id) {
        ApiCredentialRow done = FacesSupport.attempt(() -> credentials.revoke(id));
        if (done != null) {
            list = null;
            secret = null;
            secretName = null;
            FacesSupport.info("apiCredential.revoked", done.name());
        }
    }

    /** Hides the secret once it has been copied (it cannot be shown again). */
    public void dismiss() {
        secret = null;
        secretName = null;
    }

    public String getSecret() { return secret; }
    public String getSecretName() { return secretName; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public ApiScope getScope() { return scope; }
    public void setScope(ApiScope v) { scope = v; }
    public FirmOption getFirm() { return firm; }
    public void setFirm(FirmOption v) { firm = v; }
    public List<Long> getParkIds() { return parkIds; }
    public void setParkIds(List<Long> v) { parkIds = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public LocalDate getExpiresOn() { return expiresOn; }
    public void setExpiresOn(LocalDate v) { expiresOn = v; }
}
