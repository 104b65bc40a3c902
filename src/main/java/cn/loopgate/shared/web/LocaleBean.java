package cn.loopgate.shared.web;

import cn.loopgate.shared.Messages;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;

/** The language of the pages: Simplified Chinese unless the user switched to English. */
@Named("locale")
@SessionScoped
public class LocaleBean implements Serializable {

    private static final long serialVersionUID = 1L;

    private Locale current = Messages.DEFAULT_LOCALE;

    public Locale getCurrent() {
        return current;
    }

    public String getLanguageTag() {
        return current.toLanguageTag();
    }

    public boolean isEnglish() {
        return Messages.ENGLISH.equals(current);
    }

    /** Switches between Chinese and English and reloads the page (GET, so no form is resubmitted). */
    public void toggle() throws IOException {
        current = isEnglish() ? Messages.DEFAULT_LOCALE : Messages.ENGLISH;
        FacesContext fc = FacesContext.getCurrentInstance();
        fc.getViewRoot().setLocale(current);
        var ec = fc.getExternalContext();
        String uri = ((jakarta.servlet.http.HttpServletRequest) ec.getRequest()).getRequestURI();
        ec.redirect(uri);
    }
}
