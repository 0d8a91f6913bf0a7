package fr.yseraa.observatory.server.tiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.DatabaseInitializer;
import fr.yseraa.observatory.server.database.ReplicaReads;
import fr.yseraa.observatory.server.security.Authenticator;
import fr.yseraa.observatory.wmts.Wmts;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Keeps the caches of the server's replicas (each its own memory and disk, on one database) coherent: the tile caches,
 * the catalog and the credentials verified lately ({@link Authenticator}); and tells them of seed jobs to run
 * ({@link SeedJobs}). An invalidation made here — an area of a layer changed, a layer truncated, the data changed (a
 * new catalog update sequence), users changed — bumps its subject's generation in {@code security.cache_generation}
 * and is sent by {@code NOTIFY} on {@value #CHANNEL} in the same transaction, then applied here. Every replica listens
 * on a connection of its own (outside the pool) in a daemon thread and applies what the others send. The generation a
 * layer's cached tiles follow is kept beside them on disk; a notification that does not follow it by one (some were
 * missed), or a generation in the table that differs from it when the listener (re)connects (a replica restarted or
 * cut off), drops all the layer's tiles (renews the catalog's update sequence, forgets the verified credentials); a
 * cache whose tiles were drawn from another database loses them all. While the listener is not connected, the tile
 * cache is bypassed: tiles are rendered, never served from what may be stale. A cache hit costs nothing more: no look
 * at the database per tile.
 */
@Component
public class TileCacheSync {

    static final String CHANNEL = "obs_tile_cache";
    /** The catalog read again from the data directory (the subject the servers before {@link #DATA} sent). */
    static final String CATALOG = "catalog";
    static final String USERS = "users";
    static final String DATA = "data";
    static final String SEED = "seed";
    /** The origin of what a command (not a replica) announces. */
    private static final String COMMAND = "command";
    private static final Logger LOG = LoggerFactory.getLogger(TileCacheSync.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RETRY_MS = 500;
    private static final int POLL_MS = 250;
    private static final long CHECK_EVERY_MS = 5000;

    /**
     * What travels in a notification: the replica that sent it, the subject, its new generation, the changed area if
     * not all of it.
     */
    record Message(String origin, String subject, long generation, double[] area, Integer srid) {
    }

    private final DataSource dataSource;
    private final ReplicaReads replicaReads;
    private final Wmts wmts;
    /** The subjects that are not layers, and what a change of one does here. */
    private final Map<String, Runnable> serverSubjects;
    private final DataSourceProperties database;
    private final String origin = UUID.randomUUID().toString();
    private final Thread listener;
    private volatile boolean stopped;
    /** The generations this replica's catalog and credentials follow; none until the listener first connects. */
    private final Map<String, Long> serverGenerations = new HashMap<>();

    public TileCacheSync(DatabaseInitializer initialisedDatabase, DataSource dataSource, ReplicaReads replicaReads,
                         Wmts wmts, CatalogService catalogs, Authenticator authenticator, SeedJobs seedJobs,
                         DataSourceProperties database) {
        this.dataSource = dataSource;
        this.replicaReads = replicaReads;
        this.wmts = wmts;
        this.serverSubjects = Map.of(CATALOG, catalogs::reload, DATA, catalogs::dataChanged,
                USERS, authenticator::forgetVerified, SEED, seedJobs::pickUp);
        this.database = database;
        wmts.cache().bypass(true);
        Connection first = null;
        try {
            first = listen();
        } catch (SQLException e) {
            LOG.warn("tile cache: cannot listen to the other replicas yet ({}); the cache is bypassed until then",
                    e.getMessage());
        }
        Connection connected = first;
        listener = new Thread(() -> run(connected), "tile-cache-sync");
        listener.setDaemon(true);
        listener.start();
    }

    /** Drops the layer's tiles over an area given in {@code srid}, here and on every replica; returns how many here. */
    public long invalidate(String layer, Envelope area, int srid) {
        double[] box = {area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY()};
        return publish(layer, box, srid, () -> wmts.invalidator().invalidate(layer, area, srid));
    }

    /** Drops every tile of the layer, here and on every replica; returns how many here. */
    public long truncate(String layer) {
        return publish(layer, null, null, () -> wmts.invalidator().truncate(layer));
    }

    /**
     * Gives the catalog a new update sequence here and on every replica, without reloading it: the data changed, so
     * extents and counts computed per catalog version are computed again.
     */
    public void dataChanged() {
        publish(DATA, null, null, () -> server(DATA));
    }

    /** Forgets the verified credentials here and on every replica: users, passwords or roles changed. */
    public void usersChanged() {
        publish(USERS, null, null, () -> server(USERS));
    }

    /**
     * Tells the running replicas that users changed, from a process that is not one of them (a command): in the
     * caller's transaction, so that they hear it when the change is committed.
     */
    public static void announceUsersChanged(Connection c) throws SQLException {
        announce(c, new Message(COMMAND, USERS, 0, null, null));
    }

    /** Tells every replica, this one included, in the caller's transaction, that a seed job was queued. */
    static void announceSeedQueued(Connection c) throws SQLException {
        announce(c, new Message(COMMAND, SEED, 0, null, null));
    }

    /** Tells the running replicas, from a command, to drop a layer's tiles over an area given in {@code srid}. */
    public static void announceInvalidated(Connection c, String layer, Envelope area, int srid) throws SQLException {
        announce(c, new Message(COMMAND, layer, 0, new double[] {area.getMinX(), area.getMinY(), area.getMaxX(),
                area.getMaxY()}, srid));
    }

    /** Tells the running replicas, from a command, to drop every tile of a layer (qualified name). */
    public static void announceTruncated(Connection c, String layer) throws SQLException {
        announce(c, new Message(COMMAND, layer, 0, null, null));
    }

    /** Tells the running replicas, from a command, that the data changed (a new catalog update sequence). */
    public static void announceDataChanged(Connection c) throws SQLException {
        announce(c, new Message(COMMAND, DATA, 0, null, null));
    }

    /**
     * Bumps the subject's generation and sends it in one transaction, then applies the change here (the listener
     * skips what this replica sent). Holding this replica's lock meanwhile keeps the listener from applying the
     * next generations before this one.
     */
    private synchronized long publish(String subject, double[] area, Integer srid, LongSupplier change) {
        long generation;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                generation = announce(c, new Message(origin, subject, 0, area, srid));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot tell the other replicas of the invalidation of "
                    + subject, e);
        }
        return apply(new Message(origin, subject, generation, area, srid), change);
    }

    /** Bumps the message's subject's generation and sends the message at that generation; returns the generation. */
    private static long announce(Connection c, Message m) throws SQLException {
        long generation;
        try (PreparedStatement bump = c.prepareStatement("INSERT INTO security.cache_generation AS g"
                + " (subject, generation) VALUES (?, 1) ON CONFLICT (subject)"
                + " DO UPDATE SET generation = g.generation + 1 RETURNING generation");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            bump.setString(1, m.subject());
            try (ResultSet rs = bump.executeQuery()) {
                rs.next();
                generation = rs.getLong(1);
            }
            notify.setString(1, CHANNEL);
            notify.setString(2, JSON.writeValueAsString(new Message(m.origin(), m.subject(), generation, m.area(),
                    m.srid())));
            notify.execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the notification of " + m.subject(), e);
        }
        return generation;
    }

    /**
     * Applies a change of the subject at a generation: the change if it follows the subject's by one, else
     * everything (all the layer's tiles, a new catalog update sequence): some were missed, or the generation recorded is not this
     * database's (a cache folder kept over a new database, or shared by mistake).
     */
    private synchronized long apply(Message m, LongSupplier change) {
        replicaReads.awaitLatestWrites(); // no tile drawn after this drop from a replica that has not the change yet
        long known = generation(m.subject());
        long result = m.generation() == known + 1 ? change.getAsLong() : everything(m.subject());
        generation(m.subject(), m.generation());
        return result;
    }

    private long everything(String subject) {
        if (serverSubjects.containsKey(subject)) {
            return server(subject);
        }
        long dropped = wmts.invalidator().truncate(subject);
        LOG.info("tile cache: invalidations of {} were missed, its {} cached tiles dropped", subject, dropped);
        return dropped;
    }

    private long generation(String subject) {
        return serverSubjects.containsKey(subject) ? serverGenerations.getOrDefault(subject, -1L)
                : wmts.cache().generation(subject);
    }

    private void generation(String subject, long generation) {
        if (serverSubjects.containsKey(subject)) {
            serverGenerations.put(subject, generation);
        } else {
            wmts.cache().generation(subject, generation);
        }
    }

    /** A notification of another replica (or of this one: then already applied). */
    private void received(String payload) {
        Message m;
        try {
            m = JSON.readValue(payload, Message.class);
        } catch (JsonProcessingException e) {
            LOG.warn("tile cache: unreadable notification {}", payload);
            return;
        }
        if (origin.equals(m.origin())) {
            return; // applied when sent
        }
        try {
            apply(m, () -> change(m));
        } catch (RuntimeException e) {
            LOG.error("tile cache: applying {} failed, dropping all of {}", payload, m.subject(), e);
            apply(new Message(m.origin(), m.subject(), m.generation(), null, null), () -> everything(m.subject()));
        }
    }


    /** Applies a change of a subject that is not a layer (there is no part of it to change). */
    private long server(String subject) {
        serverSubjects.get(subject).run();
        return 0;
    }

    private long change(Message m) {
        if (serverSubjects.containsKey(m.subject())) {
            return server(m.subject());
        }
        if (m.area() == null) {
            return wmts.invalidator().truncate(m.subject());
        }
        double[] a = m.area();
        return wmts.invalidator().invalidate(m.subject(), new Envelope(a[0], a[2], a[1], a[3]), m.srid());
    }

    /**
     * Opens the listening connection, then catches up with the table: LISTEN first, so that nothing sent after the
     * read is missed (what was read and is heard again drops the layer's tiles once more: conservative). Ends the
     * bypass.
     */
    private Connection listen() throws SQLException {
        Properties props = new Properties();
        if (database.determineUsername() != null) {
            props.setProperty("user", database.determineUsername());
        }
        if (database.determinePassword() != null) {
            props.setProperty("password", database.determinePassword());
        }
        props.setProperty("socketTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "observatory tile cache sync");
        Connection c = DriverManager.getConnection(database.determineUrl(), props);
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + CHANNEL);
            String database;
            try (ResultSet rs = st.executeQuery("SELECT system_identifier || '/' || (SELECT oid FROM pg_database"
                    + " WHERE datname = current_database()) FROM pg_control_system()")) {
                rs.next();
                database = rs.getString(1);
            }
            Map<String, Long> generations = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT subject, generation FROM security.cache_generation")) {
                while (rs.next()) {
                    generations.put(rs.getString(1), rs.getLong(2));
                }
            }
            catchUp(database, generations);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        wmts.cache().bypass(false);
        return c;
    }

    /**
     * Whatever moved while this replica was not listening is applied whole; tiles drawn from another database (the
     * cluster's identifier and the database's oid, which a streaming replica shares and a restored copy does not)
     * are all dropped first.
     */
    private synchronized void catchUp(String database, Map<String, Long> generations) {
        replicaReads.awaitLatestWrites();
        long dropped = wmts.cache().follow(database);
        if (dropped > 0) {
            LOG.info("tile cache: {} tiles drawn from another database dropped", dropped);
        }
        generations.forEach((subject, generation) -> {
            if (serverSubjects.containsKey(subject) && !serverGenerations.containsKey(subject)) {
                serverGenerations.put(subject, generation); // the catalog was just loaded, no credential verified yet
            } else if (generation != generation(subject)) {
                everything(subject);
                generation(subject, generation);
            }
        });
        serverSubjects.keySet().forEach(subject -> serverGenerations.putIfAbsent(subject, 0L));
    }

    private void run(Connection first) {
        Connection c = first;
        while (!stopped) {
            try {
                if (c == null) {
                    c = listen();
                    LOG.info("tile cache: listening to the other replicas again");
                }
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    wmts.cache().bypass(true);
                    if (c != null) {
                        LOG.warn("tile cache: lost the other replicas' invalidations ({}); the cache is bypassed"
                                + " until they are heard again", e.getMessage());
                    }
                }
                close(c);
                c = null;
                pause();
            }
        }
        close(c);
    }

    /** Applies notifications until the connection fails; a quiet connection is checked now and then. */
    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.currentTimeMillis();
        while (!stopped) {
            PGNotification[] notifications = pg.getNotifications(POLL_MS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    if (stopped) {
                        return; // the server is closing: its cache and pool with it
                    }
                    received(n.getParameter());
                }
            }
            if (System.currentTimeMillis() - lastCheck > CHECK_EVERY_MS) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                }
                lastCheck = System.currentTimeMillis();
            }
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the listening connection", e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        listener.interrupt();
    }
}
