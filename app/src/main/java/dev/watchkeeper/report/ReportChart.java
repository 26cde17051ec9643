package dev.watchkeeper.report;

import dev.watchkeeper.db.report.WindowOccurrence;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.Lane;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Alerts per day (or per hour, for windows up to two days), paged vs quiet, as a stacked bar chart PNG. */
public final class ReportChart {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;

    static {
        // Servers have no display; XChart draws on an off-screen image.
        System.setProperty("java.awt.headless", "true");
    }

    static final int MOST_BUCKETS = 400;

    private ReportChart() {
    }

    /** One bar per bucket of the window; each occurrence counts in the lane of its item. */
    public static byte[] png(String title, Instant start, Instant end, List<WindowOccurrence> occurrences,
                             Map<Integer, Item> items, ZoneId zone) {
        boolean hourly = Duration.between(start, end).compareTo(Duration.ofDays(2)) <= 0;
        ChronoUnit unit = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        DateTimeFormatter label = DateTimeFormatter.ofPattern(hourly ? "HH:00" : "EEE d MMM", Locale.ENGLISH);
        ZonedDateTime first = start.atZone(zone).truncatedTo(unit);
        List<String> buckets = new ArrayList<>();
        List<Integer> paged = new ArrayList<>();
        List<Integer> quiet = new ArrayList<>();
        // At most MOST_BUCKETS bars, whatever the window: an incident's window is as long as its item lived.
        for (ZonedDateTime t = first; t.toInstant().isBefore(end) && buckets.size() < MOST_BUCKETS; t = t.plus(1, unit)) {
            buckets.add(label.format(t));
            paged.add(0);
            quiet.add(0);
        }
        for (WindowOccurrence o : occurrences) {
            int i = (int) unit.between(first, o.startsAt().atZone(zone).truncatedTo(unit));
            if (i < 0 || i >= buckets.size()) {
                continue;
            }
            Item item = items.get(o.itemId());
            List<Integer> lane = item != null && item.lane() == Lane.PAGED ? paged : quiet;
            lane.set(i, lane.get(i) + 1);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(hourly ? "Hour (" + zone.getId() + ")" : "Day").yAxisTitle("Alerts").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(new Color[]{new Color(0xD6, 0x45, 0x45), new Color(0x9A, 0xA5, 0xB1)});
        chart.getStyler().setXAxisLabelRotation(hourly ? 90 : 45);
        chart.getStyler().setYAxisDecimalPattern("#");
        if (buckets.isEmpty()) {
            buckets.add(label.format(first));
            paged.add(0);
            quiet.add(0);
        }
        chart.addSeries(Lane.PAGED.wire(), buckets, paged);
        chart.addSeries(Lane.QUIET.wire(), buckets, quiet);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the report chart", e);
        }
    }
}
