package cn.loopgate.account;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Passwords on pages: the signed-in user's own change (password.xhtml), using an activation or reset link
 * (activate.xhtml) and asking for one (forgot.xhtml). Passwords are never kept past the request.
 */
@Named
@RequestScoped
public class PasswordView {

    @Inject
    AccountService accounts;

    private String token;
    private String username;
    private String currentPassword;
    private String newPassword;
    private String newPasswordRepeat;
    private String activated;
    private boolean requested;

    public void change() {
        if (repeated() && FacesSupport.attempt(() -> accounts.changeOwnPassword(new PasswordChange(currentPassword, newPassword)))) {
            FacesSupport.info("password.changed");
        }
        currentPassword = newPassword = newPasswordRepeat = null;
    }

    public void activate() {
        if (repeated()) {
            activated = FacesSupport.attempt(() -> accounts.activate(new Activation(token, newPassword)));
        }
        newPassword = newPasswordRepeat = null;
    }

    public void requestReset() {
        accounts.requestReset(new ResetRequest(username));
        requested = true;
    }

    private boolean repeated() {
        if (newPassword == null || !newPassword.equals(newPasswordRepeat)) {
            FacesSupport.error("password.mismatch");
            return false;
        }
        return true;
    }

    public String getActivated() { return activated; }
    public boolean isRequested() { return requested; }
    public String getToken() { return token; }
    public void setToken(String v) { token = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String v) { currentPassword = v; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String v) { newPassword = v; }
    public String getNewPasswordRepeat() { return newPasswordRepeat; }
    public void setNewPasswordRepeat(String v) { newPasswordRepeat = v; }
}
