package cn.loopgate.problem;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The bureau's figures on bureau/problems.xhtml. */
@Named
@RequestScoped
public class ProblemStatsView {

    @Inject
    ProblemService problems;
    @Inject
    ProblemFigures figures;

    private ProblemView.Stats stats;

    public ProblemView.Stats getStats() {
        if (stats == null) {
            stats = figures.stats();
        }
        return stats;
    }
}
