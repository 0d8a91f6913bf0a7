package fr.yseraa.observatory.server.security.leaks;

/** The callers of the leak suite: the public and the demo accounts (their roles and organisation as the demo made them). */
enum Who {
    ANONYMOUS(null), PARTNER("partenaire"), PRODUCER("producteur"), INSTRUCTOR("instructeur");

    final String login;

    Who(String login) {
        this.login = login;
    }

    @Override
    public String toString() {
        return login == null ? "anonymous" : login;
    }
}
