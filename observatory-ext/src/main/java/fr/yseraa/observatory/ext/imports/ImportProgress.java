package fr.yseraa.observatory.ext.imports;

import fr.yseraa.observatory.ext.console.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;

/** Where an import tells how far it is: a console's progress bar, or a job's row in the database. */
public interface ImportProgress {

    /** The steps of an import, in order. */
    enum Phase { READING, CHECKING, COMPARING, WRITING, DERIVING }

    /** A step starts. */
    void phase(Phase phase);

    /**
     * Within a step: {@code done} items (rows) are done when the work has reached {@code position} out of
     * {@code total} (bytes of the file while reading, rows while writing).
     */
    void advanced(long done, long position, long total);

    /** Tells nothing. */
    static ImportProgress none() {
        return new ImportProgress() {
            @Override
            public void phase(Phase phase) {
            }

            @Override
            public void advanced(long done, long position, long total) {
            }
        };
    }

    /** A line per step with its duration, and a progress bar while reading and writing. */
    static ImportProgress console(PrintStream out) {
        return new ImportProgress() {
            private Phase current;
            private long started = System.nanoTime();
            private ProgressBar bar;

            @Override
            public void phase(Phase phase) {
                long now = System.nanoTime();
                if (current != null) {
                    out.printf(Locale.ROOT, "import: %s done in %.1f s%n", name(current), (now - started) / 1e9);
                }
                if (phase != Phase.READING && phase != Phase.WRITING) {
                    out.printf(Locale.ROOT, "import: %s%n", name(phase));
                }
                current = phase;
                started = now;
                bar = null;
            }

            @Override
            public void advanced(long done, long position, long total) {
                if (bar == null) {
                    bar = new ProgressBar(out, current == Phase.WRITING ? "writing" : "import", total);
                }
                if (current == Phase.WRITING) {
                    bar.update(done);
                } else {
                    bar.update(done, position);
                }
            }

            private String name(Phase phase) {
                return phase.name().toLowerCase(Locale.ROOT);
            }
        };
    }
}
