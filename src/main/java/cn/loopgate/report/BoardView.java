package cn.loopgate.report;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** The liaison's board of the day (liaison/board.xhtml), with the reminder to the missing firms. */
@Named
@ViewScoped
public class BoardView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient BoardService boards;
    @Inject
    transient ReportService reports;

    private Board board;

    @PostConstruct
    void init() {
        board = boards.board(null);
    }

    public void remind() {
        BoardService.Reminded r = FacesSupport.attempt(() -> boards.remindMissing(null));
        if (r != null) {
            FacesSupport.info("board.reminded", r.firms());
        }
    }

    public void reopen(Board.Row row) {
        if (row.reportId() != null && FacesSupport.attempt(() -> reports.allowCorrection(row.reportId(), 24, null)) != null) {
            FacesSupport.info("common.saved");
        }
    }

    public void refresh() {
        board = boards.board(null);
    }

    public Board getBoard() { return board; }
}
