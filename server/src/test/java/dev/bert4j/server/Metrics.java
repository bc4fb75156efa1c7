package dev.bert4j.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Values read from a Prometheus text exposition, as a scraper reads them. */
final class Metrics {
    private Metrics() {
    }

    /** The value of the sample {@code name{labels}} (labels as written, e.g. {@code le="1.0"}; empty for none). */
    static double sample(String exposition, String name, String labels) {
        String series = Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}"));
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as("%s{%s} in%n%s", name, labels, exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
