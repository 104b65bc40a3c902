package cn.loopgate.dashboard;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.util.List;

/** The published bulletins page: the archive, downloads as published, and revisions against them. */
@Named
@ViewScoped
public class BulletinsView implements Serializable {

    @Inject
    BulletinArchive archive;

    private List<BulletinArchive.Published> bulletins = List.of();
    private BulletinArchive.Published selected;
    private List<BulletinArchive.Revision> revisions;

    @PostConstruct
    void init() {
        FacesSupport.attempt(() -> {
            bulletins = archive.list();
        });
    }

    public StreamedContent pdf(BulletinArchive.Published b, boolean english) {
        return DashboardView.download(b.number() + (english ? "-en" : "") + ".pdf", "application/pdf",
                () -> archive.pdf(b.id(), english));
    }

    public void showRevisions(BulletinArchive.Published b) {
        FacesSupport.attempt(() -> {
            revisions = archive.revisions(b.id(), FacesSupport.locale());
            selected = b;
        });
    }

    public List<BulletinArchive.Published> getBulletins() { return bulletins; }
    public BulletinArchive.Published getSelected() { return selected; }
    public List<BulletinArchive.Revision> getRevisions() { return revisions; }
}
