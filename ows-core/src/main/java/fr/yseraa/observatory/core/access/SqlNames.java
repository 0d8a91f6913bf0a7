package fr.yseraa.observatory.core.access;

/** Quoting of SQL identifiers taken from the catalog. */
public final class SqlNames {

    private SqlNames() {
    }

    /** A quoted identifier: {@code "name"}. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A quoted, possibly schema-qualified relation: {@code "schema"."table"}. */
    public static String quoteRelation(String relation) {
        int dot = relation.indexOf('.');
        return dot < 0 ? quote(relation) : quote(relation.substring(0, dot)) + "." + quote(relation.substring(dot + 1));
    }
}
