package cn.loopgate.dashboard;

import cn.loopgate.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/** Chart.js configurations (JSON) for PrimeFaces' {@code p:chart}: percentages on a 0–100 axis. */
final class Charts {

    private static final String[] COLOURS = {"#b91c1c", "#2563eb", "#059669", "#d97706"};

    private Charts() {
    }

    record Series(String label, Function<Figures, Ratio> ratio) {
    }

    static String line(List<Figures> rows, List<Series> series) {
        return chart("line", rows, series);
    }

    static String bar(List<Figures> rows, List<Series> series) {
        return chart("bar", rows, series);
    }

    private static String chart(String type, List<Figures> rows, List<Series> series) {
        JsonArrayBuilder labels = Jsonp.PROVIDER.createArrayBuilder();
        rows.forEach(f -> labels.add(f.label()));
        JsonArrayBuilder datasets = Jsonp.PROVIDER.createArrayBuilder();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
            for (Figures f : rows) {
                BigDecimal pct = s.ratio().apply(f).percent();
                if (pct == null) {
                    data.addNull();
                } else {
                    data.add(pct);
                }
            }
            String colour = COLOURS[i % COLOURS.length];
            datasets.add(Jsonp.PROVIDER.createObjectBuilder().add("label", s.label()).add("data", data)
                    .add("borderColor", colour).add("backgroundColor", colour).add("fill", false).add("tension", 0.2));
        }
        JsonObjectBuilder y = Jsonp.PROVIDER.createObjectBuilder().add("beginAtZero", true).add("suggestedMax", 100);
        return Jsonp.PROVIDER.createObjectBuilder().add("type", type)
                .add("data", Jsonp.PROVIDER.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Jsonp.PROVIDER.createObjectBuilder().add("animation", false).add("responsive", true)
                        .add("maintainAspectRatio", false)
                        .add("scales", Jsonp.PROVIDER.createObjectBuilder().add("y", y)))
                .build().toString();
    }
}
