package io.tidings.bench;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained SVG: memory per idle stream against streams (left), and broadcast latency
 * percentiles at the lowest rate against streams (right, log scale), Tidings solid, Nchan dashed.
 */
final class Chart {

  private static final int WIDTH = 960;
  private static final int HEIGHT = 380;

  private Chart() {
  }

  private record Series(String label, String color, boolean dashed, List<double[]> points) {
  }

  static String svg(JsonObject results) {
    List<JsonObject> idle = Table.objects(results.getJsonArray("idle"));
    List<JsonObject> broadcast = Table.objects(results.getJsonArray("broadcast"));
    double lowestRate = broadcast.stream().mapToDouble(r -> r.getDouble("ratePerSecond")).min().orElse(0);

    List<Series> memory = new ArrayList<>();
    memory.add(series("Tidings RSS", "#1f77b4", false, idle, r -> isTarget(r, "tidings") && r.getBoolean("presence"),
      r -> r.getLong("rssPerStreamBytes") / 1024.0));
    memory.add(series("Tidings live heap", "#2ca02c", false, idle,
      r -> isTarget(r, "tidings") && r.getBoolean("presence") && r.getValue("heapPerStreamBytes") != null,
      r -> r.getLong("heapPerStreamBytes") / 1024.0));
    memory.add(series("Nchan RSS", "#d62728", true, idle, r -> isTarget(r, "nchan"), r -> r.getLong("rssPerStreamBytes") / 1024.0));

    List<Series> latency = new ArrayList<>();
    String[][] percentiles = {{"p50Ms", "p50"}, {"p99Ms", "p99"}, {"p999Ms", "p99.9"}};
    String[] colors = {"#1f77b4", "#ff7f0e", "#9467bd"};
    for (String target : List.of("tidings", "nchan")) {
      for (int i = 0; i < percentiles.length; i++) {
        String key = percentiles[i][0];
        latency.add(series((target.equals("tidings") ? "Tidings " : "Nchan ") + percentiles[i][1], colors[i],
          target.equals("nchan"), broadcast, r -> isTarget(r, target) && r.getBoolean("presence", true)
            && r.getDouble("ratePerSecond") == lowestRate,
          r -> Math.max(0.01, r.getJsonObject("latency").getDouble(key))));
      }
    }

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-size=\"14\">Tidings vs Nchan, %s</text>%n",
      escape(results.getString("date"))));
    panel(svg, 60, "memory per idle stream (KiB)", memory, false);
    panel(svg, 540, "broadcast latency at " + Table.num(lowestRate) + "/s (ms, log)", latency, true);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static boolean isTarget(JsonObject row, String target) {
    return row.getString("target").equals(target);
  }

  private static Series series(String label, String color, boolean dashed, List<JsonObject> rows,
                               Predicate<JsonObject> which, ToDoubleFunction<JsonObject> y) {
    List<double[]> points = new ArrayList<>();
    for (JsonObject r : rows) {
      if (which.test(r)) {
        points.add(new double[] {r.getInteger("streams"), y.applyAsDouble(r)});
      }
    }
    points.sort((a, b) -> Double.compare(a[0], b[0]));
    return new Series(label, color, dashed, points);
  }

  private static void panel(StringBuilder svg, int left, String title, List<Series> all, boolean log) {
    int top = 50;
    int w = 360;
    int h = 240;
    double maxX = 1;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : all) {
      for (double[] p : s.points()) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
        minY = Math.min(minY, p[1]);
      }
    }
    if (maxY <= 0) {
      maxY = 1;
    }
    double lo = log ? Math.pow(10, Math.floor(Math.log10(Math.max(0.01, minY == Double.MAX_VALUE ? 0.1 : minY)))) : 0;
    double hi = log ? Math.pow(10, Math.ceil(Math.log10(maxY))) : maxY * 1.1;
    if (log && hi <= lo) {
      hi = lo * 10;
    }
    double fLo = lo;
    double fHi = hi;
    double fMaxX = maxX;
    java.util.function.DoubleUnaryOperator px = x -> left + x / fMaxX * w;
    java.util.function.DoubleUnaryOperator py = y -> top + h - (log
      ? (Math.log10(Math.max(y, fLo)) - Math.log10(fLo)) / (Math.log10(fHi) - Math.log10(fLo)) * h
      : (y - fLo) / (fHi - fLo) * h);
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n", left, top - 10, escape(title)));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
      left, top, w, h));
    List<Double> ticks = new ArrayList<>();
    if (log) {
      for (double t = lo; t <= hi * 1.001; t *= 10) {
        ticks.add(t);
      }
    } else {
      for (int i = 0; i <= 4; i++) {
        ticks.add(hi * i / 4);
      }
    }
    for (double t : ticks) {
      double y = py.applyAsDouble(t);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, left + w, y, y, left - 4, y + 4,
        t >= 10 || t == 0 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.2g", t)));
    }
    java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
    all.forEach(s -> s.points().forEach(p -> xs.add(p[0])));
    for (double x : xs) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,.0f</text>%n",
        px.applyAsDouble(x), top + h + 16, x));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">streams</text>%n",
      left + w / 2, top + h + 32));
    int legendY = top + h + 50;
    int legendX = left;
    for (Series s : all) {
      if (s.points().isEmpty()) {
        continue;
      }
      StringBuilder points = new StringBuilder();
      for (double[] p : s.points()) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(p[0]), py.applyAsDouble(p[1])));
      }
      String dash = s.dashed() ? " stroke-dasharray=\"5,3\"" : "";
      svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
        points.toString().trim(), s.color(), dash));
      for (double[] p : s.points()) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
          px.applyAsDouble(p[0]), py.applyAsDouble(p[1]), s.color()));
      }
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
        + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, legendX + 18, legendY - 4, legendY - 4, s.color(), dash,
        legendX + 22, legendY, escape(s.label())));
      legendX += 120;
      if (legendX > left + w - 60) {
        legendX = left;
        legendY += 16;
      }
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
