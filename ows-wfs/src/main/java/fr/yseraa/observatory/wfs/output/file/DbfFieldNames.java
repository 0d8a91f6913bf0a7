package fr.yseraa.observatory.wfs.output.file;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * dBase field names of attribute names: ASCII letters, digits and underscores, at most 10 characters; a name cut
 * to one already taken (ignoring case) ends with {@code _1}, {@code _2}... instead.
 */
final class DbfFieldNames {

    static final int MAX = 10;

    private DbfFieldNames() {
    }

    static List<String> of(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> result = new ArrayList<>();
        for (String name : names) {
            String base = name.replaceAll("[^A-Za-z0-9_]", "_");
            if (base.isEmpty()) {
                base = "field";
            }
            String candidate = base.length() > MAX ? base.substring(0, MAX) : base;
            for (int n = 1; !taken.add(candidate.toUpperCase(Locale.ROOT)); n++) {
                String suffix = "_" + n;
                candidate = base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
            }
            result.add(candidate);
        }
        return result;
    }
}
