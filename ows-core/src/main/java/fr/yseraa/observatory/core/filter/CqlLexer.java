package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Splits CQL text into tokens: words, quoted names, strings, numbers, ISO dates, WKT geometries and symbols. */
final class CqlLexer {

    enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, TEMPORAL, GEOMETRY, SYMBOL, END }

    /** One token; {@code value} is the decoded string, number, temporal or {@link Expression.GeometryLiteral}. */
    record Token(Kind kind, String text, Object value, int position) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private static final Pattern TEMPORAL = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern GEOMETRY = Pattern.compile("(?i)(SRID=(\\d{1,6});\\s*)?"
            + "(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)"
            + "\\s*(ZM|Z|M)?\\s*(\\(|EMPTY\\b)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:]*");
    private static final String[] SYMBOLS = {"<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", ",", "+", "-", "*", "/"};

    private final String text;
    private final String locator;
    private int pos;

    private CqlLexer(String text, String locator) {
        this.text = text;
        this.locator = locator;
    }

    static List<Token> tokenize(String text, String locator) {
        return new CqlLexer(text, locator).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "end of text", null, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (c == '\'') {
            String s = quoted('\'');
            return new Token(Kind.STRING, s, s, start);
        }
        if (c == '"') {
            String s = quoted('"');
            if (s.isEmpty()) {
                throw error("empty quoted name", start);
            }
            return new Token(Kind.QUOTED_NAME, s, s, start);
        }
        Matcher m;
        if (Character.isDigit(c) && (m = match(TEMPORAL)) != null) {
            return new Token(Kind.TEMPORAL, m.group(), TimeValue.parseTemporal(m.group(), locator), start);
        }
        if ((Character.isDigit(c) || c == '.') && (m = match(NUMBER)) != null) {
            return new Token(Kind.NUMBER, m.group(), number(m.group(), start), start);
        }
        if ((m = match(GEOMETRY)) != null) {
            return geometry(m, start);
        }
        if ((m = match(WORD)) != null) {
            return new Token(Kind.WORD, m.group(), m.group(), start);
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                return new Token(Kind.SYMBOL, symbol, symbol, start);
            }
        }
        throw error("unexpected character '" + c + "'", start);
    }

    private Matcher match(Pattern p) {
        Matcher m = p.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            return null;
        }
        pos = m.end();
        return m;
    }

    private String quoted(char quote) {
        int start = pos;
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    out.append(quote);
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
        throw error("unterminated " + (quote == '\'' ? "string" : "quoted name"), start);
    }

    private Object number(String s, int start) {
        if (s.matches("\\d{1,18}")) {
            return Long.valueOf(s);
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw error("number out of range", start);
        }
    }

    private Token geometry(Matcher m, int start) {
        int srid = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int wktStart = m.start(3);
        if (m.group(5).equals("(")) {
            int depth = 1;
            while (depth > 0) {
                if (pos >= text.length()) {
                    throw error("unbalanced parentheses in geometry", start);
                }
                char c = text.charAt(pos++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
        }
        String wkt = text.substring(wktStart, pos);
        try {
            var geometry = new WKTReader().read(wkt);
            return new Token(Kind.GEOMETRY, text.substring(start, pos),
                    Expression.GeometryLiteral.checked(geometry, srid, locator), start);
        } catch (ParseException | IllegalArgumentException e) {
            throw error("invalid geometry " + abbreviate(wkt) + " (" + e.getMessage() + ")", start);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private OwsException error(String message, int position) {
        return CqlParser.error(locator, message, position);
    }
}
