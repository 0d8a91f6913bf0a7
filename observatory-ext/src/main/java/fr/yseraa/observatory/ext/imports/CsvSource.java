package fr.yseraa.observatory.ext.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file: UTF-8 (a byte-order mark is skipped, anything not UTF-8 stops the import), a header row, values
 * separated by {@code ,} or {@code ;} — whichever the header holds more of outside quotes.
 */
final class CsvSource extends SourceFile.Streamed {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    CsvSource(SourceFile.CountingInputStream in) throws IOException {
        super(in);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        reader.mark(1 << 16);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        reader.mark(1 << 16);
        String first = reader.readLine();
        reader.reset();
        if (first == null) {
            throw new IOException("the file is empty: a CSV file starts with a header row");
        }
        char delimiter = count(first, ';') > count(first, ',') ? ';' : ',';
        parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get().parse(reader);
        header = parser.getHeaderNames();
        records = parser.iterator();
    }

    /** The column names of the header row. */
    List<String> header() {
        return header;
    }

    @Override
    Record next() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
        } catch (RuntimeException e) {
            // commons-csv wraps I/O and syntax errors in unchecked exceptions
            throw new IOException("CSV file unreadable after line " + parser.getCurrentLineNumber() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        CSVRecord r = records.next();
        Map<String, String> values = new HashMap<>();
        int embeddedLineBreaks = 0;
        for (int i = 0; i < Math.min(r.size(), header.size()); i++) {
            String v = r.get(i);
            if (!v.isEmpty()) {
                values.put(header.get(i), v);
                for (int at = v.indexOf('\n'); at >= 0; at = v.indexOf('\n', at + 1)) {
                    embeddedLineBreaks++;
                }
            }
        }
        return new Record(parser.getCurrentLineNumber() - embeddedLineBreaks, values, null, null);
    }

    private static int count(String s, char c) {
        boolean quoted = false;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }
}
