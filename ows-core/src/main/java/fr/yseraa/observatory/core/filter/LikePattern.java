package fr.yseraa.observatory.core.filter;

import java.util.regex.Pattern;

/**
 * A Like pattern as the request wrote it, with its own wildcard (any run of characters), single-character and
 * escape characters; it converts to a SQL LIKE pattern (escape {@code \}) and to a Java regular expression.
 */
public record LikePattern(String pattern, char wildcard, char singleChar, char escape) {

    /** The SQL / CQL convention: %, _ and backslash. */
    public static LikePattern sql(String pattern) {
        return new LikePattern(pattern, '%', '_', '\\');
    }

    public LikePattern {
        java.util.Objects.requireNonNull(pattern);
        if (wildcard == singleChar || wildcard == escape || singleChar == escape) {
            throw new IllegalArgumentException("wildcard, single character and escape must differ");
        }
    }

    /** The pattern for {@code LIKE ... ESCAPE '\'}. */
    public String toSqlLike() {
        StringBuilder out = new StringBuilder();
        translate(new Sink() {
            @Override
            public void any() {
                out.append('%');
            }

            @Override
            public void one() {
                out.append('_');
            }

            @Override
            public void literal(char c) {
                if (c == '%' || c == '_' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
        });
        return out.toString();
    }

    /** The pattern as a regular expression matching whole texts. */
    public Pattern toRegex(boolean matchCase) {
        StringBuilder out = new StringBuilder();
        translate(new Sink() {
            @Override
            public void any() {
                out.append(".*");
            }

            @Override
            public void one() {
                out.append('.');
            }

            @Override
            public void literal(char c) {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        });
        int flags = Pattern.DOTALL | (matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return Pattern.compile(out.toString(), flags);
    }

    private void translate(Sink sink) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape && i + 1 < pattern.length()) {
                sink.literal(pattern.charAt(++i));
            } else if (c == wildcard) {
                sink.any();
            } else if (c == singleChar) {
                sink.one();
            } else {
                sink.literal(c);
            }
        }
    }

    private interface Sink {
        void any();

        void one();

        void literal(char c);
    }
}
