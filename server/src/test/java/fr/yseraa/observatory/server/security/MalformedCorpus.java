package fr.yseraa.observatory.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The recorded malformed requests of {@code server/src/test/resources/malformed-corpus/<service>/*.http}, one request
 * per file: comment lines first ({@code # what: …}, {@code # expect: STATUS CODE [LOCATOR]} — CODE and LOCATOR are
 * regular expressions —, {@code # port: tiles} for the tile endpoint), then the request as sent: its line, its
 * headers, a blank line and its body. {@code Host}, {@code Connection: close} and {@code Content-Length} are added;
 * {@code {{repeat N TEXT}}} stands for TEXT N times (oversize requests stay small files).
 */
record MalformedCorpus(String name, String what, int status, String code, String locator, boolean tilePort,
                       String head, byte[] body) {

    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+) ([^}]*)}}");
    private static final Pattern EXPECT = Pattern.compile("(\\d{3}) (\\S+)(?: (\\S+))?");

    /** Every request of the corpus, by service directory and file name. */
    static List<MalformedCorpus> load(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<MalformedCorpus> all = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".http")).sorted().toList()) {
                all.add(read(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MalformedCorpus read(String name, String file) {
        String what = name;
        Matcher expect = null;
        boolean tiles = false;
        List<String> lines = new ArrayList<>(List.of(expand(file).split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).startsWith("#")) {
            String comment = lines.remove(0).substring(1).strip();
            if (comment.startsWith("what:")) {
                what = comment.substring(5).strip();
            } else if (comment.startsWith("expect:")) {
                expect = EXPECT.matcher(comment.substring(7).strip());
                if (!expect.matches()) {
                    throw new IllegalArgumentException(name + ": expect STATUS CODE [LOCATOR], not " + comment);
                }
            } else if (comment.equals("port: tiles")) {
                tiles = true;
            }
        }
        if (expect == null) {
            throw new IllegalArgumentException(name + " has no '# expect:' line");
        }
        int blank = lines.indexOf("");
        List<String> headLines = blank < 0 ? lines : lines.subList(0, blank);
        String body = blank < 0 ? "" : String.join("\n", lines.subList(blank + 1, lines.size()));
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(headLines.get(0)).append("\r\nHost: localhost\r\nConnection: close\r\n");
        headLines.subList(1, headLines.size()).forEach(h -> head.append(h).append("\r\n"));
        if (bytes.length > 0) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("\r\n");
        return new MalformedCorpus(name, what, Integer.parseInt(expect.group(1)), expect.group(2), expect.group(3),
                tiles, head.toString(), bytes);
    }

    private static String expand(String text) {
        Matcher m = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }
}
