package dev.berth.reconciler.simulate;

import java.io.PrintStream;
import java.time.Duration;

/** Shows how far a simulation has got. */
public interface Progress {

  void update(Duration simulated, Duration total);

  void done();

  /** Nothing shown (not a terminal, or tests). */
  Progress NONE =
      new Progress() {
        @Override
        public void update(Duration simulated, Duration total) {}

        @Override
        public void done() {}
      };

  /** A one-line bar redrawn in place: {@code [#####.....] 50% 3h00m of 6h00m}. */
  static Progress bar(PrintStream out) {
    return new Progress() {
      private int lastPercent = -1;

      @Override
      public void update(Duration simulated, Duration total) {
        int percent = (int) (simulated.toSeconds() * 100 / Math.max(1, total.toSeconds()));
        if (percent == lastPercent) {
          return;
        }
        lastPercent = percent;
        int filled = percent / 5;
        out.printf(
            "\r[%s%s] %3d%%  %s of %s ",
            "#".repeat(filled), ".".repeat(20 - filled), percent, hm(simulated), hm(total));
        out.flush();
      }

      @Override
      public void done() {
        out.println();
      }
    };
  }

  private static String hm(Duration d) {
    return d.toHours() + "h" + String.format("%02d", d.toMinutesPart()) + "m";
  }
}
