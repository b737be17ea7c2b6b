package dev.gatehouse.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Bars of each median ratio, with issue 13's goal as a mark on the comparisons that have one. */
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
    CategoryPlot plot = new CategoryPlot(ratios, new CategoryAxis(),
        new NumberAxis("Gatehouse ÷ rival, same run"), bars());
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

  private static BarRenderer bars() {
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x3b6ea5));
    return bars;
  }
}
