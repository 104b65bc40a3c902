package cn.loopgate.account;

import cn.loopgate.identity.RememberedDevices;
import cn.loopgate.identity.RememberedDevices.Device;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;

import java.util.List;

/** The remembered devices on the user's own account page (password.xhtml). */
@Named
@RequestScoped
public class DevicesView {

    @Inject
    DeviceService devices;

    private List<Device> list;

    public List<Device> getDevices() {
        if (list == null) {
            list = FacesSupport.attempt(() -> devices.list(currentCookie()));
            if (list == null) {
                list = List.of();
            }
        }
        return list;
    }

    public void revoke(long id) {
        if (FacesSupport.attempt(() -> devices.revoke(id))) {
            FacesSupport.info("devices.revoked");
        }
        list = null;
    }

    public void revokeAll() {
        if (FacesSupport.attempt(() -> {
            devices.revokeAll();
        })) {
            FacesSupport.info("devices.revokedAll");
        }
        list = null;
    }

    private static String currentCookie() {
        Object c = FacesContext.getCurrentInstance().getExternalContext().getRequestCookieMap().get(RememberedDevices.COOKIE);
        return c instanceof Cookie cookie ? cookie.getValue() : null;
    }
}
