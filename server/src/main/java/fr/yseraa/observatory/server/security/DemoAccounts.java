package fr.yseraa.observatory.server.security;

import java.io.PrintStream;
import java.util.Set;

/**
 * The demo's accounts: {@code partenaire} (partner), {@code instructeur} (instructor), {@code producteur} (producer,
 * owner of the ornithological datasets) and {@code admin}. Their password is {@code OBS_DEMO_PASSWORD} when set,
 * else a random one printed once. Existing accounts are left alone.
 */
public final class DemoAccounts {

    public static final String PRODUCER_ORGANISATION = "GON";

    private DemoAccounts() {
    }

    public static void create(UserStore users, String configuredPassword, PrintStream out) {
        String password = configuredPassword != null && !configuredPassword.isBlank() ? configuredPassword
                : UserStore.newSecret().substring(0, 16);
        int created = 0;
        created += createIfAbsent(users, "partenaire", password, null, "partner");
        created += createIfAbsent(users, "instructeur", password, null, "instructor");
        created += createIfAbsent(users, "producteur", password, users.organisation(PRODUCER_ORGANISATION).orElse(null), "producer");
        created += createIfAbsent(users, "admin", password, null, "admin");
        if (created > 0) {
            out.println(configuredPassword != null && !configuredPassword.isBlank()
                    ? "demo accounts partenaire, instructeur, producteur and admin use the password of OBS_DEMO_PASSWORD"
                    : "demo accounts partenaire, instructeur, producteur and admin: password " + password
                            + " (shown once; set OBS_DEMO_PASSWORD to choose it)");
        }
    }

    private static int createIfAbsent(UserStore users, String login, String password, Integer organisation, String role) {
        if (users.findByLogin(login).isPresent()) {
            return 0;
        }
        users.saveUser(login, password, organisation, Set.of(role));
        return 1;
    }
}
