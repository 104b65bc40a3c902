package cn.loopgate.health;

import cn.loopgate.firm.FirmOption;
import cn.loopgate.firm.FirmPicker;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetLimits;
import cn.loopgate.shared.sheet.SheetUploads;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.primefaces.model.file.UploadedFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The test-results import page (health-import.xhtml): the firm's manager for their firm, a liaison officer for a
 * firm of their parks (picked, or passed as ?firmId= from the health page); upload, dry run, import.
 */
@Named
@ViewScoped
public class HealthImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    HealthImportService imports;
    @Inject
    FirmPicker picker;
    @Inject
    AccessPolicy access;

    private FirmOption firm;
    private HealthImportService.Summary summary;

    @PostConstruct
    void init() {
        Caller c = access.caller();
        String param = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("firmId");
        if (c.is(Role.FIRM_MANAGER) && c.firmId() != null) {
            firm = picker.option(c.firmId());
        } else if (c.is(Role.LIAISON) && param != null && param.matches("\\d{1,18}")) {
            firm = picker.option(Long.valueOf(param));
        }
    }

    public boolean isManager() {
        return access.caller().is(Role.FIRM_MANAGER);
    }

    /** Only those who may import see the upload; others (analysts, administrators) are told who can. */
    public boolean isImporter() {
        return access.caller().isAnyOf(Role.FIRM_MANAGER, Role.LIAISON);
    }

    public void pickFirm() {
        summary = null;
    }

    public void upload(FileUploadEvent event) {
        UploadedFile file = event.getFile();
        summary = null;
        if (firm == null) {
            FacesSupport.error("healthImport.pickFirm");
            return;
        }
        long firmId = firm.id();
        FacesSupport.attempt(() -> {
            if (file.getSize() > SheetLimits.DEFAULT.maxBytes()) {
                throw DomainException.invalid("file", "import.tooLarge", SheetLimits.DEFAULT.maxMegabytes());
            }
            byte[] data;
            try {
                data = SheetUploads.readCapped(file.getInputStream(), SheetLimits.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            summary = imports.dryRun(firmId, file.getFileName(), data, FacesSupport.locale());
            return summary;
        });
    }

    public void importValid() {
        commit(true);
    }

    public void importAll() {
        commit(false);
    }

    private void commit(boolean validOnly) {
        if (summary == null) {
            return;
        }
        HealthImportService.Summary s = FacesSupport.attempt(() -> imports.commit(summary.firmId(), summary.id(), validOnly, FacesSupport.locale()));
        if (s != null) {
            summary = s;
            FacesSupport.info("healthImport.done", s.importedRows(), s.importedPositives());
        }
    }

    public StreamedContent getReportCsv() {
        if (summary == null) {
            return null;
        }
        SheetFormat f = SheetFormat.CSV;
        return content(imports.report(summary.firmId(), summary.id(), f, FacesSupport.locale()), f, "health-import-report-" + summary.id());
    }

    public StreamedContent getTemplateXlsx() {
        return template(SheetFormat.XLSX);
    }

    public StreamedContent getTemplateCsv() {
        return template(SheetFormat.CSV);
    }

    private StreamedContent template(SheetFormat f) {
        if (firm == null) {
            return null;
        }
        return content(imports.template(firm.id(), f), f, "health-test-template");
    }

    private static StreamedContent content(byte[] data, SheetFormat f, String name) {
        return DefaultStreamedContent.builder().name(name + "." + f.extension()).contentType(f.contentType())
                .stream(() -> new ByteArrayInputStream(data)).build();
    }

    public FirmOption getFirm() { return firm; }
    public void setFirm(FirmOption firm) { this.firm = firm; }
    public HealthImportService.Summary getSummary() { return summary; }
    public boolean isCheckedOnly() { return summary != null && summary.status() == HealthImport.Status.CHECKED; }
    public int getMaxMegabytes() { return SheetLimits.DEFAULT.maxMegabytes(); }
    public int getMaxRows() { return SheetLimits.DEFAULT.maxRows(); }
}
