package fr.yseraa.observatory.server.operations;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access-log lines in a plain layout, {@code <time> <logger> : <message>} (the time as logback's
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in the default zone), written into a buffer on the caller's thread and sent
 * to their output when the buffer is full or at most {@link #FLUSH_MILLIS} after a line came: one {@code write} for
 * many lines under load, none of them held back longer than that when traffic is light. No line is dropped and the
 * caller never waits for another thread (the buffer's lock is held for a copy). The buffer is flushed when the
 * appender stops (the application's shutdown); a killed process loses at most the last second.
 *
 * <p>An appender of the logger, so that whatever logs to it through logback is written too; but {@link AccessLog}
 * hands it its entries directly ({@link #write(AccessLog.Entry)}), with no logging event, pattern or turbo filter on
 * the way: the tile endpoint writes thousands of lines a second, and those were a sixth of its I/O threads' work.
 */
final class BufferedLineAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final long FLUSH_MILLIS = 1000;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    private final OutputStream output;
    /** Between the time and the message: the logger's name, as in Spring Boot's console lines. */
    private final String separator;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final ZoneId zone = ZoneId.systemDefault();
    // guarded by lock: the bytes not yet sent, the line being made (and its characters, read in bulk), the second
    // last written and its text
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int count;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];
    private long second = Long.MIN_VALUE;
    private String secondText;
    private String offsetText;
    private ScheduledExecutorService flusher;

    /** @param output where the lines go (closed when the appender stops) */
    BufferedLineAppender(String name, OutputStream output) {
        setName(name);
        this.output = output;
        this.separator = " " + name + " : ";
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, getName() + "-flush");
            t.setDaemon(true);
            return t;
        });
        super.start();
    }

    /** The line of an entry, timed now. */
    void write(AccessLog.Entry entry) {
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            AccessLog.line(entry, startLine(now));
            endLine();
        } finally {
            lock.unlock();
        }
        flushSoon();
    }

    @Override
    protected void append(ILoggingEvent event) {
        lock.lock();
        try {
            startLine(event.getTimeStamp()).append(event.getFormattedMessage());
            endLine();
        } finally {
            lock.unlock();
        }
        flushSoon();
    }

    /** The line made anew with its time and the logger's name, for its message to follow. Under the lock. */
    private StringBuilder startLine(long millis) {
        long s = Math.floorDiv(millis, 1000);
        if (s != second) { // the time's text changes once a second (a zone's offset, on a whole second)
            Instant at = Instant.ofEpochSecond(s);
            secondText = SECOND.withZone(zone).format(at);
            offsetText = OFFSET.withZone(zone).format(at);
            second = s;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        line.setLength(0);
        line.append(secondText).append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append(offsetText).append(separator);
        return line;
    }

    /** Copies the line and its end into the buffer as UTF-8, sending the buffer when it fills. Under the lock. */
    private void endLine() {
        line.append('\n');
        int n = line.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        line.getChars(0, n, chars, 0);
        try {
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (c < 0x80) {
                    put((byte) c);
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    putUtf8(Character.toCodePoint(c, chars[++i]));
                } else {
                    putUtf8(Character.isSurrogate(c) ? '?' : c);
                }
            }
        } catch (IOException e) {
            addError("cannot write the lines of " + getName(), e);
        }
    }

    private void putUtf8(int codePoint) throws IOException {
        if (codePoint < 0x800) {
            put((byte) (0xC0 | codePoint >> 6));
        } else {
            if (codePoint < 0x10000) {
                put((byte) (0xE0 | codePoint >> 12));
            } else {
                put((byte) (0xF0 | codePoint >> 18));
                put((byte) (0x80 | codePoint >> 12 & 0x3F));
            }
            put((byte) (0x80 | codePoint >> 6 & 0x3F));
        }
        put((byte) (0x80 | codePoint & 0x3F));
    }

    private void put(byte b) throws IOException {
        if (count == buffer.length) {
            send();
        }
        buffer[count++] = b;
    }

    /** Writes out what the buffer holds. Under the lock. */
    private void send() throws IOException {
        if (count > 0) {
            output.write(buffer, 0, count);
            count = 0;
        }
    }

    private void flushSoon() {
        if (!flushPending.getAndSet(true)) {
            try {
                flusher.schedule(this::flush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) { // a line that came as the appender stopped
                flushPending.set(false);
            }
        }
    }

    /** Sends what the buffer holds: every line written before this call, maybe some after. */
    private void flush() {
        flushPending.set(false);
        lock.lock();
        try {
            send();
            output.flush();
        } catch (IOException e) {
            addError("cannot write the lines of " + getName(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        flusher.shutdownNow();
        flush();
        try {
            output.close();
        } catch (IOException e) {
            addError("cannot close the output of " + getName(), e);
        }
    }

    /** The process's standard output as it is at each write (tests capture it), which closing only flushes. */
    static OutputStream standardOutput() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                System.out.write(b, off, len);
            }

            @Override
            public void flush() {
                System.out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
    }
}
