package fr.yseraa.observatory.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Users, roles and API keys in PostGIS ({@code security} schema). Passwords are bcrypt hashes; API keys are random
 * 256-bit tokens shown once and stored as SHA-256 hashes.
 */
public final class UserStore {

    /** A user as stored: what authentication needs. */
    public record StoredUser(int id, String login, String passwordHash, Integer organisationId, boolean enabled,
                             Set<String> roles) {
    }

    /** An API key as listed (never the key itself). */
    public record KeyInfo(int id, String login, String label, String createdAt, String revokedAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource dataSource;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);

    public UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public BCryptPasswordEncoder passwordEncoder() {
        return bcrypt;
    }

    private static final String USER_QUERY = """
            SELECT u.id, u.login, u.password_hash, u.organisation_id, u.enabled,
                   array_remove(array_agg(r.role ORDER BY r.role), NULL)
            FROM security.app_user u LEFT JOIN security.user_role r ON r.user_id = u.id
            """;

    public Optional<StoredUser> findByLogin(String login) {
        return queryUser(USER_QUERY + " WHERE u.login = ? GROUP BY u.id", login);
    }

    /** The user holding a key that is not revoked. */
    public Optional<StoredUser> findByKey(String key) {
        return queryUser(USER_QUERY + " JOIN security.api_key k ON k.user_id = u.id"
                + " WHERE k.key_hash = ? AND k.revoked_at IS NULL GROUP BY u.id", sha256(key));
    }

    private Optional<StoredUser> queryUser(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, true)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
        }
    }

    private static StoredUser read(ResultSet rs, boolean withHash) throws SQLException {
        Array roles = rs.getArray(6);
        return new StoredUser(rs.getInt(1), rs.getString(2), withHash ? rs.getString(3) : null,
                (Integer) rs.getObject(4), rs.getBoolean(5), new TreeSet<>(List.of((String[]) roles.getArray())));
    }

    /** The role whose holders see their organisation's datasets exactly. */
    public static final String PRODUCER_ROLE = "producer";

    /**
     * A producer without organisation would silently see only what the public sees: refused.
     *
     * @throws IllegalArgumentException when the roles hold {@value #PRODUCER_ROLE} and there is no organisation
     */
    private static void checkProducer(String login, Integer organisationId, Set<String> roles) {
        if (roles.contains(PRODUCER_ROLE) && organisationId == null) {
            throw new IllegalArgumentException("user " + login + " cannot be a producer without an organisation");
        }
    }

    /**
     * Creates a user, or replaces the password, organisation and roles of an existing one.
     *
     * @throws IllegalArgumentException for a producer without organisation
     */
    public void saveUser(String login, String password, Integer organisationId, Set<String> roles) {
        checkProducer(login, organisationId, roles);
        inTransaction(c -> {
            int id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO security.app_user (login, password_hash, organisation_id) VALUES (?, ?, ?)
                    ON CONFLICT (login) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                        organisation_id = EXCLUDED.organisation_id, enabled = true
                    RETURNING id""")) {
                ps.setString(1, login);
                ps.setString(2, bcrypt.encode(password));
                ps.setObject(3, organisationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getInt(1);
                }
            }
            replaceRoles(c, id, roles);
        });
    }

    /**
     * Replaces a user's roles; false when there is no such user.
     *
     * @throws IllegalArgumentException when that makes a producer without organisation
     */
    public boolean setRoles(String login, Set<String> roles) {
        Optional<StoredUser> user = findByLogin(login);
        user.ifPresent(u -> checkProducer(login, u.organisationId(), roles));
        user.ifPresent(u -> inTransaction(c -> replaceRoles(c, u.id(), roles)));
        return user.isPresent();
    }

    private static void replaceRoles(Connection c, int userId, Set<String> roles) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM security.user_role WHERE user_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO security.user_role (user_id, role) VALUES (?, ?)")) {
            del.setInt(1, userId);
            del.executeUpdate();
            for (String role : roles) {
                ins.setInt(1, userId);
                ins.setString(2, role);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Issues a new API key for a user; the key is returned once and only its hash is kept. */
    public Optional<String> issueKey(String login, String label) {
        Optional<StoredUser> user = findByLogin(login);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String key = newSecret();
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO security.api_key (user_id, key_hash, label) VALUES (?, ?, ?)")) {
                ps.setInt(1, user.get().id());
                ps.setString(2, sha256(key));
                ps.setString(3, label);
                ps.executeUpdate();
            }
        });
        return Optional.of(key);
    }

    /** Revokes a key by id; false when there is no such active key. */
    public boolean revokeKey(int keyId) {
        int[] changed = {0};
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE security.api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
                ps.setInt(1, keyId);
                changed[0] = ps.executeUpdate();
            }
        });
        return changed[0] == 1;
    }

    public List<KeyInfo> keys() {
        List<KeyInfo> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT k.id, u.login, k.label, k.created_at::text, k.revoked_at::text
                FROM security.api_key k JOIN security.app_user u ON u.id = k.user_id ORDER BY k.id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new KeyInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list keys: " + e.getMessage(), e);
        }
        return out;
    }

    /** Users with their roles (no password hash). */
    public List<StoredUser> users() {
        List<StoredUser> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(USER_QUERY + " GROUP BY u.id ORDER BY u.login");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs, false));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list users: " + e.getMessage(), e);
        }
        return out;
    }

    /** The organisation id of an organisation name or acronym, if it exists. */
    public Optional<Integer> organisation(String nameOrAcronym) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM ref.organisation WHERE name = ? OR acronym = ? ORDER BY id LIMIT 1")) {
            ps.setString(1, nameOrAcronym);
            ps.setString(2, nameOrAcronym);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read organisations: " + e.getMessage(), e);
        }
    }

    /** A random 256-bit secret, URL-safe Base64. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update users: " + e.getMessage(), e);
        }
    }
}
