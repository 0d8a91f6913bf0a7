package fr.yseraa.observatory.ext.demo;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar with rate and remaining time, redrawn at most twice a second. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        double rate = done / seconds;
        int filled = (int) (WIDTH * done / total);
        long remaining = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d  %,.0f/s  %s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * done / total, done, total, rate,
                done < total ? "~" + remaining + " s left" : String.format(Locale.ROOT, "%.1f s", seconds));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
