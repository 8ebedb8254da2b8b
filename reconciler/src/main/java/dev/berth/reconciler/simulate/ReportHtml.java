package dev.berth.reconciler.simulate;

import dev.berth.reconciler.simulate.SimulationReport.ExpectationResult;
import dev.berth.reconciler.simulate.SimulationReport.Operation;
import dev.berth.reconciler.simulate.SimulationReport.Recovery;
import dev.berth.reconciler.simulate.SimulationReport.Sample;
import dev.berth.reconciler.simulate.SimulationReport.ServiceResult;
import dev.berth.reconciler.simulate.SimulationReport.StackResult;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A self-contained HTML page with inline SVG charts: no scripts, no network. */
final class ReportHtml {

  static final int WIDTH = 960;
  static final int HEIGHT = 220;
  static final int LEFT = 48;
  static final int RIGHT = 16;
  static final int TOP = 16;
  static final int BOTTOM = 28;

  private ReportHtml() {}

  static String render(SimulationReport r) {
    StringBuilder h = new StringBuilder();
    h.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Berth simulation: ")
        .append(esc(r.scenario()))
        .append("</title>\n<style>")
        .append(
            "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2433;max-width:1000px}")
        .append(
            "h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}")
        .append(
            "td,th{border:1px solid #d5d9e0;padding:3px 8px;text-align:left}th{background:#f1f3f6}")
        .append(".met{color:#17803d;font-weight:600}.unmet{color:#c0262d;font-weight:600}")
        .append("svg{background:#fbfcfd;border:1px solid #e3e6eb}.legend span{margin-right:14px}")
        .append("</style></head><body>\n");
    h.append("<h1>Scenario ")
        .append(esc(r.scenario()))
        .append(": ")
        .append(
            r.passed()
                ? "<span class=met>expectations met</span>"
                : "<span class=unmet>expectations not met</span>")
        .append("</h1>\n<p>Seed ")
        .append(r.seed())
        .append(", ")
        .append(hm(r.durationSeconds()))
        .append(" simulated, cost $")
        .append(String.format(Locale.ROOT, "%.2f", r.costDollars()))
        .append(
            vmCost(r) > 0
                ? String.format(Locale.ROOT, " (VMs $%.2f, the rest ACI)", vmCost(r))
                : " (ACI)")
        .append(".</p>\n");

    h.append(
        "<h2>Expectations</h2>\n<table><tr><th>expectation</th><th>result</th><th>actual</th></tr>\n");
    for (ExpectationResult e : r.expectations()) {
      h.append("<tr><td>")
          .append(esc(e.expectation()))
          .append("</td><td class=")
          .append(e.met() ? "met>met" : "unmet>not met")
          .append("</td><td>")
          .append(esc(e.actual()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Healthy replicas over time</h2>\n");
    for (String series : r.series()) {
      h.append("<h3>").append(esc(series)).append("</h3>\n");
      boolean vms = r.samples().stream().anyMatch(s -> s.onVms().getOrDefault(series, 0) > 0);
      List<Line> lines = new ArrayList<>();
      lines.add(
          new Line(
              s -> s.desired().getOrDefault(series, 0), "#6b7280", "stroke-dasharray=\"5 4\""));
      if (vms) {
        lines.add(
            new Line(
                s -> s.onVms().getOrDefault(series, 0),
                "#0d9488",
                "stroke-width=\"2\" stroke-dasharray=\"2 2\""));
      }
      lines.add(
          new Line(s -> s.healthy().getOrDefault(series, 0), "#2563eb", "stroke-width=\"2\""));
      h.append(chart(r, lines, "replicas"));
      h.append(
              "<p class=legend><span style=\"color:#2563eb\">&#9632; healthy</span><span style=\"color:#6b7280\">- - desired (what Git asks for)</span>")
          .append(
              vms
                  ? "<span style=\"color:#0d9488\">&middot;&middot; healthy on the cluster's VMs (the rest on ACI)</span>"
                  : "")
          .append(
              "<span style=\"color:#c0262d\">| fault</span><span style=\"color:#7c3aed\">| commit</span><span style=\"color:#17803d\">| recovery</span></p>\n");
    }
    h.append("<h2>Cost over time (US$)</h2>\n");
    List<Line> costs = new ArrayList<>();
    if (vmCost(r) > 0) {
      costs.add(new Line(Sample::vmCost, "#0d9488", "stroke-width=\"2\" stroke-dasharray=\"2 2\""));
    }
    costs.add(new Line(Sample::cost, "#2563eb", "stroke-width=\"2\""));
    h.append(chart(r, costs, "$"));
    if (vmCost(r) > 0) {
      h.append(
          "<p class=legend><span style=\"color:#2563eb\">&#9632; all</span><span style=\"color:#0d9488\">&middot;&middot; the cluster's VMs (billed by the hour, used or not)</span></p>\n");
    }

    h.append(
        "<h2>Stacks</h2>\n<p>Measured against what Git asked for at each moment, applied or not, from the first moment"
            + " each was whole: the share of time whole, and of the replica-minutes asked for, those served.</p>\n");
    h.append(
        "<table><tr><th>stack</th><th>time whole</th><th>per service: time whole, replica-minutes served</th>"
            + "<th>recoveries after faults</th></tr>\n");
    for (StackResult s : r.stacks()) {
      StringBuilder rec = new StringBuilder();
      for (Recovery x : s.recoveries()) {
        rec.append(esc(x.fault()))
            .append(" at ")
            .append(hm(x.faultAt()))
            .append(": ")
            .append(x.seconds() == null ? "never" : x.seconds() / 60 + "m" + x.seconds() % 60 + "s")
            .append("<br>");
      }
      StringBuilder services = new StringBuilder();
      for (ServiceResult x : s.services()) {
        services
            .append(esc(x.series()))
            .append(": ")
            .append(String.format(Locale.ROOT, "%.2f%%", x.wholePercent()))
            .append(", ")
            .append(x.replicaMinutesServed())
            .append(" of ")
            .append(x.replicaMinutesDesired())
            .append(String.format(Locale.ROOT, " (%.2f%%)", x.replicaMinutesPercent()))
            .append("<br>");
      }
      h.append("<tr><td>")
          .append(esc(s.stack()))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.2f%%", s.availabilityPercent()))
          .append("</td><td>")
          .append(services)
          .append("</td><td>")
          .append(rec)
          .append("</td></tr>\n");
    }
    h.append(
        "</table>\n<h2>Timeline</h2>\n<table><tr><th>at</th><th>kind</th><th>what</th></tr>\n");
    for (TimelineEvent e : r.timeline()) {
      h.append("<tr><td>")
          .append(hm(e.t()))
          .append("</td><td>")
          .append(esc(e.kind()))
          .append("</td><td>")
          .append(esc(e.text()))
          .append("</td></tr>\n");
    }
    h.append(
        "</table>\n<h2>Operations</h2>\n<table><tr><th>workflow</th><th>type</th><th>started</th><th>closed</th><th>status</th></tr>\n");
    for (Operation o : r.operations()) {
      h.append("<tr><td>")
          .append(esc(o.workflowId()))
          .append("</td><td>")
          .append(esc(o.type()))
          .append("</td><td>")
          .append(hm(o.startedAt()))
          .append("</td><td>")
          .append(o.closedAt() == null ? "-" : hm(o.closedAt()))
          .append("</td><td>")
          .append(esc(o.status()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  /** One series of a chart, drawn in order (the last on top). */
  private record Line(ToDoubleFunction<Sample> value, String color, String extra) {}

  private static double vmCost(SimulationReport r) {
    return r.samples().isEmpty() ? 0 : r.samples().get(r.samples().size() - 1).vmCost();
  }

  /** A step chart of the lines with the timeline marked. */
  private static String chart(SimulationReport r, List<Line> lines, String unit) {
    List<Sample> samples = r.samples();
    double max = 1;
    for (Sample s : samples) {
      for (Line line : lines) {
        max = Math.max(max, line.value().applyAsDouble(s));
      }
    }
    max = "$".equals(unit) ? niceCeiling(max * 1.1) : Math.max(4, Math.ceil(max * 1.1 / 4) * 4);
    double span = Math.max(1, r.durationSeconds());
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" font-size=\"11\" font-family=\"sans-serif\">\n");
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e6eb\"/>",
              LEFT,
              y,
              WIDTH - RIGHT,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#4b5563\">%s</text>\n",
              LEFT - 6,
              y + 4,
              label(v, unit)));
    }
    long tick = tickSeconds(r.durationSeconds());
    for (long t = 0; t <= r.durationSeconds(); t += tick) {
      double x = LEFT + plotW * t / span;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#4b5563\">%s</text>",
              x,
              HEIGHT - 8,
              hm(t)));
    }
    for (TimelineEvent e : r.timeline()) {
      double x = LEFT + plotW * e.t() / span;
      String color =
          switch (e.kind()) {
            case "fault" -> "#c0262d";
            case "commit" -> "#7c3aed";
            case "recovery", "healed" -> "#17803d";
            case "drift" -> "#d97706";
            default -> "#9ca3af";
          };
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"><title>%s %s</title></line>\n",
              x,
              TOP,
              x,
              TOP + plotH,
              color,
              hm(e.t()),
              esc(e.text())));
    }
    for (Line line : lines) {
      svg.append(path(samples, line.value(), max, span, plotW, plotH, line.color(), line.extra()));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String path(
      List<Sample> samples,
      ToDoubleFunction<Sample> f,
      double max,
      double span,
      int plotW,
      int plotH,
      String color,
      String extra) {
    StringBuilder d = new StringBuilder();
    double lastY = Double.NaN;
    for (Sample s : samples) {
      double x = LEFT + plotW * s.t() / span;
      double y = TOP + plotH - plotH * f.applyAsDouble(s) / max;
      if (d.length() == 0) {
        d.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
      } else {
        d.append(String.format(Locale.ROOT, " H%.1f", x));
        if (y != lastY) {
          d.append(String.format(Locale.ROOT, " V%.1f", y));
        }
      }
      lastY = y;
    }
    return "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + color + "\" " + extra + "/>\n";
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static long tickSeconds(long duration) {
    for (long t : new long[] {600, 1800, 3600, 7200, 14400, 21600, 43200, 86400}) {
      if (duration / t <= 12) {
        return t;
      }
    }
    return 172800;
  }

  private static String label(double v, String unit) {
    if ("$".equals(unit)) {
      return String.format(Locale.ROOT, "$%.2f", v);
    }
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String hm(long seconds) {
    return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
