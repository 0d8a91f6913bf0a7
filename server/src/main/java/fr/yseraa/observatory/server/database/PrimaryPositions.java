package fr.yseraa.observatory.server.database;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The primary's WAL positions as sampled over time, to tell how far behind a replica is from its replay position
 * alone (no clock on the replica, no timestamp of the last transaction, which grows old on a quiet primary): a
 * replica that has not replayed what the primary had written {@code maxLag} ago lags more than {@code maxLag}. Keeps
 * the samples of the last {@code maxLag} and the newest one before.
 */
final class PrimaryPositions {

    private record Sample(Instant at, long position) {
    }

    private final Duration maxLag;
    private final Deque<Sample> samples = new ArrayDeque<>();

    PrimaryPositions(Duration maxLag) {
        this.maxLag = maxLag;
    }

    /** The primary had written up to {@code position} at {@code at} (samples come in time order). */
    synchronized void sampled(Instant at, long position) {
        samples.addLast(new Sample(at, position));
        Instant horizon = at.minus(maxLag);
        while (samples.size() > 1) {
            Iterator<Sample> it = samples.iterator();
            it.next();
            if (it.next().at().isAfter(horizon)) {
                break;
            }
            samples.removeFirst(); // the second one is old enough to stand for what was written maxLag ago
        }
    }

    /**
     * Whether a replica that replayed up to {@code replayed} lags more than {@code maxLag} at {@code now}. Until
     * the samples go back that far, only a replica that replayed everything sampled is known not to.
     */
    synchronized boolean tooFarBehind(long replayed, Instant now) {
        if (samples.isEmpty()) {
            return true;
        }
        Sample reference = null;
        for (Sample s : samples) {
            if (s.at().isAfter(now.minus(maxLag))) {
                break;
            }
            reference = s;
        }
        return replayed < (reference != null ? reference : samples.getLast()).position();
    }

    /** How long ago the primary wrote the oldest WAL the replica has not replayed (at least); zero when none. */
    synchronized Duration lag(long replayed, Instant now) {
        for (Sample s : samples) {
            if (s.position() > replayed) {
                return Duration.between(s.at(), now);
            }
        }
        return Duration.ZERO;
    }
}
