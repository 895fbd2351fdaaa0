package org.movierec.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the report's charts with XChart and renders them to inline SVG. Every chart gets a title
 * and both axis titles (the caller writes the unit into the axis title, e.g. "ratings (count)"), and
 * carries the {@link Table} of the numbers it draws.
 *
 * <p>XChart draws text as glyph outlines, so the SVG needs no fonts and looks the same everywhere;
 * its {@code clipPath} ids are prefixed with the chart's id so that many charts can share a page.
 */
public final class Charts {
    static final int WIDTH = 760;
    static final int HEIGHT = 380;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    private static final Pattern SVG_START = Pattern.compile("<svg\\b");
    /** Coordinates with more than two decimals (sub-pixel digits that only make the file larger). */
    private static final Pattern LONG_DECIMAL = Pattern.compile("(\\d\\.\\d\\d)\\d+");
    private static final Pattern CLIP_ID = Pattern.compile("(id=\"|url\\(#)(clip)");

    private Charts() {
    }

    /** One named series of values over the chart's categories, with optional error bars (same length). */
    public record Bars(String name, double[] values, double[] errors) {
        public static Bars of(String name, double[] values) {
            return new Bars(name, values, null);
        }
    }

    /** One named line of (x, y) points. */
    public record Line(String name, double[] x, double[] y) {
        public Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("line '" + name + "': " + x.length + " x values, " + y.length + " y values");
            }
        }
    }

    /**
     * A bar chart over categories.
     *
     * @param rotate rotate the category labels (for long labels such as titles)
     */
    public static org.movierec.report.Chart bar(String id, String title, String xTitle, String yTitle,
                                                List<String> categories, List<Bars> series, boolean rotate,
                                                Table data) {
        return bar(id, title, xTitle, yTitle, categories, series, rotate, Double.NaN, Double.NaN, data);
    }

    /** A bar chart with a fixed value range (e.g. the rating scale for mean ratings); NaN leaves it automatic. */
    public static org.movierec.report.Chart bar(String id, String title, String xTitle, String yTitle,
                                                List<String> categories, List<Bars> series, boolean rotate,
                                                double yMin, double yMax, Table data) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no categories");
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(rotate ? HEIGHT + 120 : HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(series.size() > 1);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setOverlapped(false);
        c.getStyler().setXAxisLabelRotation(rotate ? 60 : 0);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setYAxisDecimalPattern(yTitle.contains("count") ? "#,##0" : null);
        boolean anyError = false;
        for (Bars b : series) {
            if (b.values().length != categories.size()) {
                throw new IllegalArgumentException("series '" + b.name() + "' has " + b.values().length
                        + " values for " + categories.size() + " categories");
            }
            CategorySeries s = b.errors() == null
                    ? c.addSeries(b.name(), categories, boxed(b.values()))
                    : c.addSeries(b.name(), categories, boxed(b.values()), boxed(b.errors()));
            s.setMarker(SeriesMarkers.NONE);
            anyError |= b.errors() != null;
        }
        if (!Double.isNaN(yMin)) {
            // A fixed range is used for means on the rating scale: small differences, so print the values.
            c.getStyler().setYAxisMin(yMin);
            // Values on the bars only where they fit horizontally; the table always has them.
            c.getStyler().setLabelsVisible(categories.size() * series.size() <= 8);
            // XChart formats the bar labels with the y-axis pattern: two decimals for both.
            c.getStyler().setDecimalPattern("0.00");
            c.getStyler().setYAxisDecimalPattern("0.00");
            c.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getStyler().setLabelsPosition(0.97);
        } else if (!anyError && allNonNegative(series)) {
            c.getStyler().setYAxisMin(0.0);
        }
        if (!Double.isNaN(yMax)) {
            c.getStyler().setYAxisMax(yMax);
        }
        return render(id, title, c, data);
    }

    /** A line chart; {@code logX}/{@code logY} use logarithmic axes (values must be positive). */
    public static org.movierec.report.Chart lines(String id, String title, String xTitle, String yTitle,
                                                  List<Line> lines, boolean logX, boolean logY, boolean markers,
                                                  Table data) {
        return lines(id, title, xTitle, yTitle, lines, logX, logY, markers, null, null, data);
    }

    /**
     * A line chart with tick label patterns ({@link java.text.DecimalFormat}; null for XChart's default):
     * e.g. {@code "0"} for years, {@code "#,##0"} for counts.
     */
    public static org.movierec.report.Chart lines(String id, String title, String xTitle, String yTitle,
                                                  List<Line> lines, boolean logX, boolean logY, boolean markers,
                                                  String xPattern, String yPattern, Table data) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(lines.size() > 1);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (xPattern != null) {
            c.getStyler().setXAxisDecimalPattern(xPattern);
        }
        if (yPattern != null) {
            c.getStyler().setYAxisDecimalPattern(yPattern);
        }
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setMarkerSize(5);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no lines");
        }
        for (Line l : lines) {
            XYSeries s = c.addSeries(l.name(), l.x(), l.y());
            s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return render(id, title, c, data);
    }

    /**
     * A heat map: {@code values[r][c]} drawn at column {@code c} (x) and row {@code r} (y), with the
     * value written in each cell.
     */
    public static org.movierec.report.Chart heatmap(String id, String title, String xTitle, String yTitle,
                                                    List<String> columns, List<String> rows, double[][] values,
                                                    Table data) {
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(Math.max(HEIGHT, 90 + 34 * rows.size()))
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setShowValue(columns.size() * rows.size() <= 400);
        c.getStyler().setHeatMapValueDecimalPattern("0.00");
        c.getStyler().setXAxisLabelRotation(columns.stream().anyMatch(s -> s.length() > 6) ? 45 : 0);
        c.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        c.getStyler().setLegendVisible(true);
        c.getStyler().setValueFontColor(Color.DARK_GRAY);
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows.size(); r++) {
            for (int col = 0; col < columns.size(); col++) {
                double v = values[r][col];
                cells.add(new Number[] {col, r, v});
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        c.getStyler().setMin(min);
        c.getStyler().setMax(max > min ? max : min + 1);
        c.addSeries(title, columns, rows, cells);
        return render(id, title, c, data);
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xbbbbbb));
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        // Solid grid lines: the SVG writer draws every dash of a dashed line as its own rectangle.
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTickMarksStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendBorderColor(new Color(0xdddddd));
        s.setSeriesColors(PALETTE);
        s.setChartPadding(8);
        s.setAntiAlias(true);
    }

    private static org.movierec.report.Chart render(String id, String title, Chart<?, ?> chart, Table data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new org.movierec.report.Chart(id, title, chart.getXAxisTitle(), chart.getYAxisTitle(),
                inline(out.toString(StandardCharsets.UTF_8), id, title), data);
    }

    /** The document's {@code <svg>} element, ready to sit inside HTML: no prolog, unique ids, scalable. */
    static String inline(String svgDocument, String id, String title) {
        Matcher m = SVG_START.matcher(svgDocument);
        if (!m.find()) {
            throw new IllegalStateException("the chart renderer wrote no <svg> element");
        }
        String svg = LONG_DECIMAL.matcher(svgDocument.substring(m.start())).replaceAll("$1");
        svg = CLIP_ID.matcher(svg).replaceAll("$1" + Matcher.quoteReplacement(id) + "-$2");
        String aria = "<svg class=\"chart-svg\" role=\"img\" aria-label=\"" + Html.escape(title) + "\"";
        return aria + svg.substring(4).replaceFirst(" height=\"(\\d+)px\"", " height=\"$1\"")
                .replaceFirst(" width=\"(\\d+)px\"", " width=\"$1\"");
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static boolean allNonNegative(List<Bars> series) {
        for (Bars b : series) {
            for (double v : b.values()) {
                if (v < 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
