package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WFS locking: a LockFeature or GetFeatureWithLock on an occurrence the caller cannot see answers exactly as one on an
 * occurrence that does not exist (but for the new lock's id), in both lock actions, even when another lock holds the
 * hidden occurrence; and it never locks it. Callers who may not write the layer get the same refusal either way. An
 * occurrence the producer reads but may not change (another producer's) is never locked by it, and neither a lock
 * attempt nor a Transaction on it tells whether another lock holds it.
 */
class LockLeakTest extends LeakTestBase {

    private static final String ADMIN = "admin";
    private String adminLock;

    /** The administrator holds a lock on every target, visible or not to the others. */
    @BeforeEach
    void everyTargetLockedByTheAdministrator() throws Exception {
        var admin = users.findByLogin(ADMIN).orElseThrow();
        users.saveUser(ADMIN, PASSWORD, admin.organisationId(), admin.roles());
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).update("DELETE FROM security.wfs_lock");
        StringBuilder ids = new StringBuilder();
        for (Target t : targets().values()) {
            ids.append(ids.length() == 0 ? "" : ",").append("occurrences.").append(t.uuid());
        }
        HttpResponse<byte[]> r = getAs(ADMIN, "/wfs?service=WFS&version=2.0.0&request=LockFeature"
                + "&typeNames=sinp:occurrences&expiry=3600&resourceId=" + ids);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        adminLock = text(r).replaceAll("(?s).*lockId=\"([^\"]+)\".*", "$1");
    }

    /** The lock goes with this test: the other leak tests share the server and its occurrences. */
    @AfterEach
    void releaseTheAdministratorsLock() {
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).update("DELETE FROM security.wfs_lock");
    }

    private static String lockFeature(String version, String uuid, String action) {
        boolean v2 = version.startsWith("2");
        return "/wfs?service=WFS&version=" + version + "&request=LockFeature&" + (v2 ? "typeNames" : "typeName")
                + "=sinp:occurrences&" + (v2 ? "resourceId" : "featureId") + "=occurrences." + uuid
                + "&lockAction=" + action;
    }

    private static String getFeatureWithLock(String uuid, String action) {
        return "/wfs?service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=sinp:occurrences"
                + "&resourceId=occurrences." + uuid + "&lockAction=" + action;
    }

    /** An answer with its lock's id and time stamp taken out: what may differ between two locks. */
    private static String comparable(HttpResponse<byte[]> r) {
        return r.statusCode() + " " + text(r).replaceAll("lockId=\"[^\"]*\"", "lockId=\"\"")
                .replaceAll("<wfs:LockId>[^<]*</wfs:LockId>", "<wfs:LockId/>")
                .replaceAll("timeStamp=\"[^\"]*\"", "timeStamp=\"\"");
    }

    @TestFactory
    Stream<DynamicTest> aHiddenOccurrenceLocksLikeOneThatDoesNotExist() {
        return perCallerAndTarget("WFS locking", (who, t) -> {
            String nowhere = UUID.randomUUID().toString();
            for (String action : List.of("ALL", "SOME")) {
                for (String version : List.of("2.0.0", "1.1.0")) {
                    HttpResponse<byte[]> onTarget = get(who, lockFeature(version, t.uuid(), action));
                    HttpResponse<byte[]> onNothing = get(who, lockFeature(version, nowhere, action));
                    String what = "LockFeature " + version + " " + action + " by " + who + " on " + t;
                    if (check.view(who, t) == LeakAssertions.View.HIDDEN || who != Who.PRODUCER) {
                        assertThat(comparable(onTarget)).as(what).isEqualTo(comparable(onNothing));
                    } else { // the producer sees the occurrence, held by the administrator's lock
                        assertThat(onTarget.statusCode()).as(what + ": " + text(onTarget))
                                .isEqualTo(action.equals("ALL") ? 400 : 200);
                        assertThat(text(onTarget)).as(what).contains(action.equals("ALL") ? "CannotLockAllFeatures"
                                : "FeaturesNotLocked");
                    }
                }
                HttpResponse<byte[]> withLock = get(who, getFeatureWithLock(t.uuid(), action));
                HttpResponse<byte[]> withLockOnNothing = get(who, getFeatureWithLock(nowhere, action));
                String what = "GetFeatureWithLock " + action + " by " + who + " on " + t;
                if (check.view(who, t) == LeakAssertions.View.HIDDEN || who != Who.PRODUCER) {
                    assertThat(comparable(withLock)).as(what).isEqualTo(comparable(withLockOnNothing));
                } else {
                    assertThat(withLock.statusCode()).as(what + ": " + text(withLock))
                            .isEqualTo(action.equals("ALL") ? 400 : 200);
                }
            }
            Set<String> heldByOthers = Set.copyOf(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForList(
                    "SELECT lock_id FROM security.wfs_locked_feature WHERE feature_id = ? AND expires_at > now()",
                    String.class, "occurrences." + t.uuid()));
            assertThat(heldByOthers).as("only the administrator's lock holds " + t).containsExactly(adminLock);
        });
    }

    /** The producer's requests on an occurrence (its uuid) that it reads but may not change. */
    private static final List<java.util.function.UnaryOperator<String>> PRODUCER_ATTEMPTS = List.of(
            uuid -> lockFeature("2.0.0", uuid, "ALL"), uuid -> lockFeature("2.0.0", uuid, "SOME"),
            uuid -> lockFeature("1.1.0", uuid, "ALL"), uuid -> lockFeature("1.1.0", uuid, "SOME"),
            uuid -> getFeatureWithLock(uuid, "ALL"), uuid -> getFeatureWithLock(uuid, "SOME"));

    private static String update(String uuid) {
        return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
                + "xmlns:fes=\"http://www.opengis.net/fes/2.0\"><wfs:Update typeName=\"sinp:occurrences\"><wfs:Property>"
                + "<wfs:ValueReference>nom_cite</wfs:ValueReference><wfs:Value>x</wfs:Value></wfs:Property><fes:Filter>"
                + "<fes:ResourceId rid=\"occurrences." + uuid + "\"/></fes:Filter></wfs:Update></wfs:Transaction>";
    }

    @TestFactory
    Stream<DynamicTest> anOccurrenceTheProducerMayNotChangeNeverTellsItsLock() {
        Integer own = users.findByLogin(Who.PRODUCER.login).orElseThrow().organisationId();
        return targets().entrySet().stream()
                .filter(e -> e.getValue().producerId() != own
                        && check.view(Who.PRODUCER, e.getValue()) != LeakAssertions.View.HIDDEN)
                .map(e -> DynamicTest.dynamicTest("producer on " + e.getKey() + " (" + e.getValue() + ")", () -> {
                    Target t = e.getValue();
                    List<String> locked = new java.util.ArrayList<>();
                    for (var attempt : PRODUCER_ATTEMPTS) {
                        locked.add(comparable(get(Who.PRODUCER, attempt.apply(t.uuid()))));
                    }
                    HttpResponse<byte[]> writeLocked = postAs(Who.PRODUCER.login, "/wfs", "text/xml", update(t.uuid()));
                    releaseTheAdministratorsLockOnly();
                    List<String> free = new java.util.ArrayList<>();
                    for (var attempt : PRODUCER_ATTEMPTS) {
                        free.add(comparable(get(Who.PRODUCER, attempt.apply(t.uuid()))));
                    }
                    HttpResponse<byte[]> writeFree = postAs(Who.PRODUCER.login, "/wfs", "text/xml", update(t.uuid()));
                    assertThat(locked).as("lock attempts, held by the administrator or not").isEqualTo(free);
                    assertThat(comparable(writeLocked)).as("an Update, held or not").isEqualTo(comparable(writeFree));
                    assertThat(writeFree.statusCode()).as(text(writeFree)).isEqualTo(403);
                    assertThat(text(writeFree)).contains("OperationProcessingFailed").doesNotContain("lock");
                    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForList(
                            "SELECT l.owner FROM security.wfs_locked_feature f JOIN security.wfs_lock l USING (lock_id) "
                                    + "WHERE f.feature_id = ? AND l.owner = ?", String.class,
                            "occurrences." + t.uuid(), Who.PRODUCER.login)).as("the producer never locked it").isEmpty();
                    everyTargetLockedByTheAdministrator();
                }));
    }

    /** Ends the administrator's lock (the producer's own attempts stay). */
    private void releaseTheAdministratorsLockOnly() {
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).update(
                "DELETE FROM security.wfs_lock WHERE lock_id = ?", adminLock);
    }
}
