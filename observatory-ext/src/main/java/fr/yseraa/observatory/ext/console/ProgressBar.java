package fr.yseraa.observatory.ext.console;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar with rate and remaining time, redrawn at most twice a second. */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;

    /**
     * @param total how many items there are, or how far {@link #update(long, long)}'s position goes (a file's size)
     */
    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    /** Draws {@code done} items out of the total. */
    public void update(long done) {
        draw(done, done, String.format(Locale.ROOT, "%,d/%,d", done, total));
    }

    /** Draws {@code count} items done when the work has reached {@code position} out of the total (bytes read). */
    public void update(long count, long position) {
        draw(count, position, String.format(Locale.ROOT, "%,d", count));
    }

    private void draw(long count, long position, String counted) {
        long now = System.nanoTime();
        if (position < total && now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        double fraction = Math.min((double) position / total, 1);
        int filled = (int) (WIDTH * fraction);
        long remaining = fraction > 0 ? (long) (seconds / fraction - seconds) : 0;
        out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %s  %,.0f/s  %s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), (int) (100 * fraction), counted, count / seconds,
                position < total ? "~" + remaining + " s left" : String.format(Locale.ROOT, "%.1f s", seconds));
        if (position >= total) {
            out.println();
        }
        out.flush();
    }
}
