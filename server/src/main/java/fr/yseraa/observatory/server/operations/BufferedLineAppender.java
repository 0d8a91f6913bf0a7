package fr.yseraa.observatory.server.operations;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Log lines written with a plain pattern into a buffer, on the caller's thread, and sent to their output when the
 * buffer is full or at most {@link #FLUSH_MILLIS} after a line came: one {@code write} for many lines under load,
 * none of them held back longer than that when traffic is light. No line is dropped and the caller never waits for
 * another thread (the buffer's lock is held for a copy). The buffer is flushed when the appender stops (the
 * application's shutdown); a killed process loses at most the last second.
 */
final class BufferedLineAppender extends OutputStreamAppender<ILoggingEvent> {

    static final long FLUSH_MILLIS = 1000;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream output;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private ScheduledExecutorService flusher;

    /**
     * @param output where the lines go (closed when the appender stops)
     * @param pattern logback's layout of a line (keep it plain: each conversion costs on every request)
     */
    BufferedLineAppender(String name, OutputStream output, String pattern) {
        setName(name);
        setImmediateFlush(false);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setParent(this);
        setEncoder(encoder);
        this.output = output;
    }

    @Override
    public void start() {
        getEncoder().setContext(getContext());
        getEncoder().start();
        setOutputStream(new BufferedOutputStream(output, BUFFER_BYTES));
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, getName() + "-flush");
            t.setDaemon(true);
            return t;
        });
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        super.append(event);
        if (!flushPending.getAndSet(true)) {
            flusher.schedule(this::flush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what the buffer holds: every line appended before this call, maybe some after. */
    private void flush() {
        flushPending.set(false);
        streamWriteLock.lock();
        try {
            if (isStarted()) {
                getOutputStream().flush();
            }
        } catch (IOException e) {
            addError("cannot write the lines of " + getName(), e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        super.stop(); // flushes and closes the output
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
