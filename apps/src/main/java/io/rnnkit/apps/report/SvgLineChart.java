package io.rnnkit.apps.report;

import java.util.Locale;

/** A small line chart of one series over epochs, drawn as inline SVG so the report needs no files or scripts. */
final class SvgLineChart {

    private static final int WIDTH = 440;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    private SvgLineChart() {
    }

    /** The chart as an {@code <svg>} element; non-finite values are left out, and a chart with none says so. */
    static String draw(String title, String yLabel, double[] x, double[] y) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                finite++;
                xMin = Math.min(xMin, x[i]);
                xMax = Math.max(xMax, x[i]);
                yMin = Math.min(yMin, y[i]);
                yMax = Math.max(yMax, y[i]);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"curve\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT,
                Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>", LEFT,
                Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
                LEFT, TOP, plotWidth(), plotHeight()));
        if (finite == 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no values yet</text>", LEFT + 12,
                    TOP + plotHeight() / 2));
            return svg.append("</svg>").toString();
        }
        if (yMax == yMin) {
            yMax = yMin + Math.max(Math.abs(yMin) * 0.05, 1e-9);
            yMin = yMin - (yMax - yMin);
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            double px = LEFT + (x[i] - xMin) / (xMax - xMin) * plotWidth();
            double py = TOP + (yMax - y[i]) / (yMax - yMin) * plotHeight();
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>", px, py));
        }
        svg.append("<polyline class=\"line\" points=\"").append(points.toString().trim()).append("\"/>");
        svg.append("<g class=\"dots\">").append(dots).append("</g>");
        svg.append(label(LEFT - 6, TOP + 4, "end", number(yMax)));
        svg.append(label(LEFT - 6, TOP + plotHeight(), "end", number(yMin)));
        svg.append(label(LEFT, TOP + plotHeight() + 16, "start", number(xMin)));
        svg.append(label(LEFT + plotWidth(), TOP + plotHeight() + 16, "end", number(xMax)));
        svg.append(label(LEFT + plotWidth() / 2, HEIGHT - 6, "middle", "epoch"));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                TOP + plotHeight() / 2, TOP + plotHeight() / 2, Html.escape(yLabel)));
        return svg.append("</svg>").toString();
    }

    private static String label(int x, int y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                Html.escape(text));
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude < 1e7) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }
}
