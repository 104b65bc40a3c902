package cn.loopgate.roster;

import cn.loopgate.firm.FirmService;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
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

/** The roster import page (firm/import.xhtml): upload, dry-run report, import valid rows or all. */
@Named
@ViewScoped
public class RosterImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RosterImportService imports;
    @Inject
    FirmService firms;

    private long firmId;
    private RosterImportService.Summary summary;

    @PostConstruct
    void init() {
        firmId = firms.own().getId();
    }

    public void upload(FileUploadEvent event) {
        UploadedFile file = event.getFile();
        summary = null;
        FacesSupport.attempt(() -> {
            if (file.getSize() > RosterFile.MAX_BYTES) {
                throw DomainException.invalid("file", "import.tooLarge", RosterFile.MAX_BYTES / (1024 * 1024));
            }
            byte[] data;
            try {
                data = RosterImportResource.readCapped(file.getInputStream(), RosterFile.MAX_BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            summary = imports.dryRun(firmId, baseName(file.getFileName()), data, FacesSupport.locale());
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
        RosterImportService.Summary s = FacesSupport.attempt(() -> imports.commit(firmId, summary.id(), validOnly, FacesSupport.locale()));
        if (s != null) {
            summary = s;
            FacesSupport.info("import.done", s.importedRows());
        }
    }

    public StreamedContent getReportCsv() {
        return report(RosterFile.Format.CSV);
    }

    public StreamedContent getReportXlsx() {
        return report(RosterFile.Format.XLSX);
    }

    public StreamedContent getTemplateXlsx() {
        return content(imports.template(firmId, RosterFile.Format.XLSX), RosterFile.Format.XLSX, "roster-template");
    }

    public StreamedContent getTemplateCsv() {
        return content(imports.template(firmId, RosterFile.Format.CSV), RosterFile.Format.CSV, "roster-template");
    }

    private StreamedContent report(RosterFile.Format f) {
        if (summary == null) {
            return null;
        }
        return content(imports.report(firmId, summary.id(), f, FacesSupport.locale()), f, "roster-report-" + summary.id());
    }

    private static StreamedContent content(byte[] data, RosterFile.Format f, String name) {
        boolean csv = f == RosterFile.Format.CSV;
        return DefaultStreamedContent.builder().name(name + (csv ? ".csv" : ".xlsx"))
                .contentType(csv ? "text/csv; charset=UTF-8" : RosterImportResource.XLSX)
                .stream(() -> new ByteArrayInputStream(data)).build();
    }

    /** Browsers send the bare name; anything else keeps its path so the check refuses it. */
    private static String baseName(String name) {
        return name;
    }

    public RosterImportService.Summary getSummary() { return summary; }
    public boolean isCheckedOnly() { return summary != null && summary.status() == RosterImport.Status.CHECKED; }
    public int getMaxMegabytes() { return RosterFile.MAX_BYTES / (1024 * 1024); }
    public int getMaxRows() { return RosterFile.MAX_ROWS; }
}
