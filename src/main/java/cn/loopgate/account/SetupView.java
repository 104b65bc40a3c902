package cn.loopgate.account;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** The set-up page (setup.xhtml): the first administrator, with the token from the log. */
@Named
@ViewScoped
public class SetupView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    FirstAdministrator setup;

    private String token;
    private String username;
    private String displayName;
    private String email;
    private String password;
    private String passwordRepeat;
    private String created;
    private Boolean open;

    /** False once an administrator exists (or with Keycloak): the page then says so instead of a form. */
    public boolean isOpen() {
        if (open == null) {
            open = setup.open();
        }
        return open;
    }

    public void create() {
        if (password == null || !password.equals(passwordRepeat)) {
            FacesSupport.error("password.mismatch");
            return;
        }
        String name = FacesSupport.attempt(() -> setup.create(new SetupData(token, username, displayName, email, password)).getUsername());
        password = passwordRepeat = null;
        if (name != null) {
            created = name;
            open = false;
        }
    }

    public String getCreated() { return created; }
    public String getToken() { return token; }
    public void setToken(String v) { token = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
    public String getPasswordRepeat() { return passwordRepeat; }
    public void setPasswordRepeat(String v) { passwordRepeat = v; }
}
