package fr.yseraa.observatory.server.security;

import java.io.PrintStream;
import java.util.Set;

/**
 * The demo's accounts: {@code partenaire} (partner), {@code instructeur} (instructor), {@code producteur} (producer of
 * the datasets of one organisation, by default the GON's ornithological datasets, and a partner for the rest) and
 * {@code admin}. Their password is {@code OBS_DEMO_PASSWORD} when set, else a random one printed once. Existing
 * accounts are left alone.
 */
public final class DemoAccounts {

    public static final String PRODUCER_ORGANISATION = "GON";

    private DemoAccounts() {
    }

    /**
     * @param producerOrganisation the name or acronym of the organisation {@code producteur} belongs to: it must exist
     *     (a producer without organisation would silently see only what the public sees)
     */
    public static void create(UserStore users, String producerOrganisation, String configuredPassword, PrintStream out) {
        Integer organisation = users.organisation(producerOrganisation).orElseThrow(() -> new IllegalStateException(
                "the demo producer's organisation " + producerOrganisation + " is not in ref.organisation"));
        String password = configuredPassword != null && !configuredPassword.isBlank() ? configuredPassword
                : UserStore.newSecret().substring(0, 16);
        int created = 0;
        created += createIfAbsent(users, "partenaire", password, null, Set.of("partner"));
        created += createIfAbsent(users, "instructeur", password, null, Set.of("instructor"));
        created += createIfAbsent(users, "producteur", password, organisation, Set.of("producer", "partner"));
        created += createIfAbsent(users, "admin", password, null, Set.of("admin"));
        if (created > 0) {
            out.println(configuredPassword != null && !configuredPassword.isBlank()
                    ? "demo accounts partenaire, instructeur, producteur and admin use the password of OBS_DEMO_PASSWORD"
                    : "demo accounts partenaire, instructeur, producteur and admin: password " + password
                            + " (shown once; set OBS_DEMO_PASSWORD to choose it)");
        }
    }

    private static int createIfAbsent(UserStore users, String login, String password, Integer organisation,
                                      Set<String> roles) {
        if (users.findByLogin(login).isPresent()) {
            return 0;
        }
        users.saveUser(login, password, organisation, roles);
        return 1;
    }
}
