package io.rnnkit.core.plot;

import io.rnnkit.core.train.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Renders the charts a run leaves behind as PNG files, each written atomically. */
public final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Line chart of one or more named series over a shared x axis (for example loss per epoch). */
    public static void lines(Path png, String title, String xLabel, String yLabel, double[] x,
                             Map<String, double[]> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(4);
        series.forEach((name, y) -> chart.addSeries(name, x, y));
        save(chart, png);
    }

    /** Two curves over the sample index, true and predicted, for regression tasks. */
    public static void predictedVsTrue(Path png, String title, double[] truth, double[] predicted) throws IOException {
        double[] index = IntStream.range(0, truth.length).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("sample").yAxisTitle("value").build();
        chart.addSeries("true", index, truth).setMarker(SeriesMarkers.NONE);
        XYSeries predictedSeries = chart.addSeries("predicted", index, predicted);
        predictedSeries.setMarker(SeriesMarkers.NONE);
        save(chart, png);
    }

    /** Heat map of counts[actual][predicted], labelled by class name. */
    public static void confusionMatrix(Path png, String title, int[][] counts, List<String> classNames)
            throws IOException {
        int classes = counts.length;
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        List<Integer> axis = IntStream.range(0, classes).boxed().toList();
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int actual = 0; actual < classes; actual++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                cells.add(new Number[] {predicted, actual, counts[actual][predicted]});
            }
        }
        chart.addSeries("counts", axis, axis, cells);
        chart.setCustomXAxisTickLabelsFormatter(value -> label(classNames, value));
        chart.setCustomYAxisTickLabelsFormatter(value -> label(classNames, value));
        save(chart, png);
    }

    private static String label(List<String> names, Object value) {
        int index = ((Number) value).intValue();
        return index >= 0 && index < names.size() ? names.get(index) : String.valueOf(value);
    }

    /** Written as the other run files are (temporary file, fsync, rename), so a kill never leaves half a PNG. */
    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG));
    }
}
