package cn.loopgate.shared.web;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.rest.DomainExceptions;
import cn.loopgate.shared.rest.Problems;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * How pages show the outcome of a service call: a business error becomes messages in the user's
 * language (one per invalid field, labelled), and the page keeps what the user typed.
 */
public final class FacesSupport {

    private FacesSupport() {
    }

    public static Locale locale() {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc == null || fc.getViewRoot() == null ? Messages.DEFAULT_LOCALE : Messages.supported(fc.getViewRoot().getLocale());
    }

    public static String text(String key, Object... args) {
        return Messages.get(locale(), key, args);
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, args), null));
    }

    public static void error(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, args), null));
    }

    /**
     * Runs a service call; on a business error shows it and returns null (the page stays, with its input).
     * Other failures propagate to the error page.
     */
    public static <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            DomainException d = DomainExceptions.unwrap(e);
            if (d == null && DomainExceptions.isOptimisticLock(e)) {
                d = DomainException.conflict("error.concurrentChange");
            }
            if (d == null) {
                throw e;
            }
            show(d);
            FacesContext.getCurrentInstance().validationFailed();
            return null;
        }
    }

    public static boolean attempt(Runnable call) {
        return attempt(() -> {
            call.run();
            return Boolean.TRUE;
        }) != null;
    }

    public static void show(DomainException e) {
        FacesContext fc = FacesContext.getCurrentInstance();
        Locale locale = locale();
        if (e.fieldErrors().isEmpty()) {
            fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.get(locale, e.messageKey(), e.args()), null));
            return;
        }
        for (DomainException.FieldError f : e.fieldErrors()) {
            String label = Messages.get(locale, "field." + f.field());
            String text = Problems.fieldMessage(f, locale);
            fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, label + "：" + text, null));
        }
    }
}
