package cn.loopgate.firmimport;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetLimits;
import cn.loopgate.shared.sheet.SheetUploads;
import cn.loopgate.shared.web.FacesSupport;
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

/** The firm import page (firm-import.xhtml, administrators and liaison officers): upload, dry run, import. */
@Named
@ViewScoped
public class FirmImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    FirmImportService imports;

    private FirmImportService.Summary summary;

    public void upload(FileUploadEvent event) {
        UploadedFile file = event.getFile();
        summary = null;
        FacesSupport.attempt(() -> {
            int max = SheetLimits.DEFAULT.maxBytes();
            if (file.getSize() > max) {
                throw DomainException.invalid("file", "import.tooLarge", SheetLimits.DEFAULT.maxMegabytes());
            }
            byte[] data;
            try {
                data = SheetUploads.readCapped(file.getInputStream(), SheetLimits.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            summary = imports.dryRun(file.getFileName(), data, FacesSupport.locale());
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
        FirmImportService.Summary s = FacesSupport.attempt(() -> imports.commit(summary.id(), validOnly, FacesSupport.locale()));
        if (s != null) {
            summary = s;
            FacesSupport.info("firmImport.done", s.importedRows(), s.invitedManagers());
        }
    }

    public StreamedContent getReportCsv() {
        return report(SheetFormat.CSV);
    }

    public StreamedContent getReportXlsx() {
        return report(SheetFormat.XLSX);
    }

    public StreamedContent getTemplateXlsx() {
        return content(imports.template(SheetFormat.XLSX), SheetFormat.XLSX, "firm-template");
    }

    public StreamedContent getTemplateCsv() {
        return content(imports.template(SheetFormat.CSV), SheetFormat.CSV, "firm-template");
    }

    private StreamedContent report(SheetFormat f) {
        if (summary == null) {
            return null;
        }
        return content(imports.report(summary.id(), f, FacesSupport.locale()), f, "firm-import-report-" + summary.id());
    }

    private static StreamedContent content(byte[] data, SheetFormat f, String name) {
        return DefaultStreamedContent.builder().name(name + "." + f.extension()).contentType(f.contentType())
                .stream(() -> new ByteArrayInputStream(data)).build();
    }

    public FirmImportService.Summary getSummary() { return summary; }
    public boolean isCheckedOnly() { return summary != null && summary.status() == FirmImport.Status.CHECKED; }
    public int getMaxMegabytes() { return SheetLimits.DEFAULT.maxMegabytes(); }
    public int getMaxRows() { return SheetLimits.DEFAULT.maxRows(); }
}
