package cn.loopgate.shared.web;

import cn.loopgate.shared.Messages;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.FacesValidator;
import jakarta.faces.validator.Validator;
import jakarta.faces.validator.ValidatorException;

import java.util.Collection;

/**
 * Refuses a NUL character (U+0000) in any page field, for every input of every page (a default
 * validator): PostgreSQL cannot store NUL in text, so a typed or pasted NUL would otherwise fail deep in
 * a query and show the error page. The page shows a message in the user's language instead and keeps
 * the input; nothing reaches the service. The REST API has the same rule in {@code NulCharacterFilter}.
 */
@FacesValidator(value = NulCharacterValidator.ID, isDefault = true)
public class NulCharacterValidator implements Validator<Object> {

    public static final String ID = "loopgate.NulCharacter";

    @Override
    public void validate(FacesContext context, UIComponent component, Object value) {
        if (hasNul(value)) {
            Object label = component.getAttributes().get("label");
            String text = Messages.get(FacesSupport.locale(), "validation.nulCharacter");
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    label == null ? text : label + "：" + text, null));
        }
    }

    static boolean hasNul(Object value) {
        if (value instanceof CharSequence s) {
            return s.chars().anyMatch(ch -> ch == 0);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().anyMatch(NulCharacterValidator::hasNul);
        }
        if (value instanceof Object[] a) {
            return java.util.Arrays.stream(a).anyMatch(NulCharacterValidator::hasNul);
        }
        return false;
    }
}
