package cn.loopgate.report;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The liaison's board (liaison/board.xhtml): today in each park by default (docs/dashboard.md, "Which day a
 * page opens on"), or a picked day; filtered by park, status and a search on the firm's name, on the
 * server so the counts and the rows agree.
 */
@Named
@ViewScoped
public class BoardView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    BoardService boards;
    @Inject
    ReportService reports;

    private Board board;
    private LocalDate day;
    private Long parkId;
    private String status;
    private String query;

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
            FacesSupport.info("board.reopened", row.firmName());
        }
    }

    public void refresh() {
        board = boards.board(day);
    }

    /** The rows after the park, status and name filters. */
    public List<Board.Row> getRows() {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return board.rows().stream()
                .filter(r -> parkId == null || r.parkId() == parkId)
                .filter(r -> status == null || status.isEmpty() || status.equals(r.shown()))
                .filter(r -> q.isEmpty() || r.firmName().toLowerCase(Locale.ROOT).contains(q))
                .toList();
    }

    /** The parks on the board, by name, for the park filter. */
    public Map<String, Long> getParks() {
        Map<String, Long> parks = new LinkedHashMap<>();
        board.rows().forEach(r -> parks.putIfAbsent(r.parkName(), r.parkId()));
        return parks;
    }

    public List<String> getStatuses() {
        return List.of("PENDING", "MISSING", "ABNORMAL", "ZERO");
    }

    public Board getBoard() { return board; }
    public LocalDate getDay() { return day; }
    public void setDay(LocalDate v) { day = v; }
    public Long getParkId() { return parkId; }
    public void setParkId(Long v) { parkId = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getQuery() { return query; }
    public void setQuery(String v) { query = v; }
}
