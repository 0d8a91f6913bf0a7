package fr.yseraa.observatory.server.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the tile endpoint's access log ({@link AccessLog#TILES_LOGGER}) goes, {@code obs.tiles.access-log}:
 * {@code stdout} (the default) or a file's path: its lines alone, in a plain layout (the time, the logger's name,
 * the line), buffered ({@link BufferedLineAppender}, the logger's appender, to which {@link AccessLog} hands its
 * entries directly, past logback's events and turbo filters); {@code logging}: through Spring Boot's logging as any
 * other logger (its console pattern, {@code logging.file.name}, or a {@code logging.config} of the operator's own,
 * which may route {@code access.tiles} anywhere). The tile endpoint writes thousands of lines a second: formatting
 * them with the console pattern then writing each alone was a fifth of its I/O threads' work, and logback's event and
 * pattern still a sixth (bench/RESULTS.md, issue 19). {@code logging.level.access.tiles=off} turns the lines off in
 * every case.
 */
@Component
public class TileAccessLogOutput implements DisposableBean {

    private final Logger logger;
    /** Null when the lines go through Spring Boot's logging. */
    private final BufferedLineAppender appender;

    public TileAccessLogOutput(@Value("${obs.tiles.access-log:stdout}") String target) throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger(AccessLog.TILES_LOGGER);
        String where = target.strip();
        if (where.equals("logging")) {
            appender = null;
            return;
        }
        OutputStream output = where.equals("stdout") ? BufferedLineAppender.standardOutput()
                : Files.newOutputStream(Path.of(where), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        appender = new BufferedLineAppender(AccessLog.TILES_LOGGER, output);
        appender.setContext(context);
        appender.start();
        // one output of this kind at a time (a second application in the same process, as in tests, takes it over)
        logger.detachAppender(AccessLog.TILES_LOGGER);
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /**
     * The output of the logger's own that takes entries directly, when it has one (not through logging) and the
     * logger's level lets INFO lines through (looked at directly: no turbo filter on the way); else null.
     */
    static BufferedLineAppender appender(org.slf4j.Logger log) {
        return log instanceof Logger l && l.getAppender(AccessLog.TILES_LOGGER) instanceof BufferedLineAppender a
                && a.isStarted() && Level.INFO.isGreaterOrEqual(l.getEffectiveLevel()) ? a : null;
    }

    @Override
    public void destroy() {
        if (appender == null) {
            return;
        }
        if (logger.detachAppender(appender)) {
            logger.setAdditive(true);
        }
        appender.stop();
    }
}
