package dev.gatehouse.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Bars of each median ratio on a logarithmic axis (0.5× and 2× lie equally far from parity, and
 * 0.02× stays visible beside 5×), a line at 1× and issue 13's goal as a mark on the comparisons
 * that have one.
 */
final class RatioChart {

  private RatioChart() {
  }

  static void write(List<Report.Row> rows, Path png) throws IOException {
    DefaultCategoryDataset ratios = new DefaultCategoryDataset();
    DefaultCategoryDataset goals = new DefaultCategoryDataset();
    for (Report.Row r : rows) {
      String measure = r.comparison().measure();
      ratios.addValue(r.median(), "ratio (median of rounds)", measure);
      goals.addValue(r.comparison().goal(), "goal (issue 13)", measure);
    }
    double low = 1;
    double high = 1;
    for (Report.Row r : rows) {
      low = Math.min(low, Math.min(r.median(), goalOr(r, 1)));
      high = Math.max(high, Math.max(r.median(), goalOr(r, 1)));
    }
    LogAxis axis = new LogAxis("Gatehouse ÷ rival, same run (log scale)");
    axis.setRange(low / 2, high * 2);
    axis.setTickUnit(new NumberTickUnit(1));   // one tick per power of ten: 0.01×, 0.1×, 1×, 10×
    axis.setNumberFormatOverride(new DecimalFormat("0.##×"));
    BarRenderer bars = bars();
    bars.setBase(low / 2);   // bars grow from the axis' left end: a log axis has no zero
    CategoryPlot plot = new CategoryPlot(ratios, new CategoryAxis(), axis, bars);
    plot.addRangeMarker(new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f)));
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setDataset(1, goals);
    LineAndShapeRenderer goalMarks = new LineAndShapeRenderer(false, true);
    goalMarks.setSeriesPaint(0, Color.RED);
    plot.setRenderer(1, goalMarks);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("Gatehouse vs rivals (ratio within one run)",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 160 + 32 * Math.max(1, rows.size()));
  }

  private static double goalOr(Report.Row r, double fallback) {
    Double goal = r.comparison().goal();
    return goal == null ? fallback : goal;
  }

  private static BarRenderer bars() {
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x3b6ea5));
    return bars;
  }
}
