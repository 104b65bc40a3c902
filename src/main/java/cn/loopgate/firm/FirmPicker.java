package cn.loopgate.firm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The searchable firm picker of the admin pages ({@code p:autoComplete}): suggests the first
 * {@link #SUGGESTIONS} firms in the caller's scope whose name contains, or whose credit code starts with,
 * what was typed; one indexed query per keystroke pause instead of loading every firm. Also the picker's
 * converter (id ↔ option), so a page binds a {@link FirmOption}.
 */
@Named
@ApplicationScoped
public class FirmPicker implements Converter<FirmOption> {

    public static final int SUGGESTIONS = 20;

    @Inject
    FirmService firms;

    public List<FirmOption> complete(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return firms.list(new FirmService.Filter(null, text, null, null), 0, SUGGESTIONS).items().stream()
                .map(FirmOption::of).toList();
    }

    /** The option of a firm in the caller's scope, or null. */
    public FirmOption option(Long id) {
        if (id == null) {
            return null;
        }
        try {
            return FirmOption.of(firms.get(id));
        } catch (cn.loopgate.shared.DomainException notVisible) {
            return null;
        }
    }

    @Override
    public FirmOption getAsObject(FacesContext context, UIComponent component, String value) {
        if (value == null || value.isBlank() || !value.chars().allMatch(Character::isDigit) || value.length() > 18) {
            return null;
        }
        return option(Long.valueOf(value));
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, FirmOption value) {
        return value == null ? "" : String.valueOf(value.id());
    }
}
