package cn.loopgate.liaison;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The searchable liaison-officer picker of the assignment page ({@code p:autoComplete}) and its converter
 * (username ↔ option): suggests the officers the caller may assign firms to.
 */
@Named
@ApplicationScoped
public class LiaisonPicker implements Converter<LiaisonOption> {

    @Inject
    LiaisonService liaisons;

    public List<LiaisonOption> complete(String text) {
        return liaisons.liaisons(text);
    }

    @Override
    public LiaisonOption getAsObject(FacesContext context, UIComponent component, String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return null;
        }
        return liaisons.option(value);
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, LiaisonOption value) {
        return value == null ? "" : value.username();
    }
}
