package fr.yseraa.observatory.wfs.output.file;

import fr.yseraa.observatory.core.feature.ValueFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The attribute table (.dbf, dBase III) of one Shapefile, UTF-8. Values are first spooled to disk as text, so that
 * the fields' widths can fit the longest value once all are known; the table is written at the end. Field types:
 * integers and decimals {@code N}, dates {@code D}, booleans {@code L}, everything else {@code C} (timestamps as ISO
 * 8601 text, since {@code D} holds no time). A text longer than 254 bytes is cut at a character boundary and counted.
 */
final class DbfWriter {

    /** The longest value a C field holds, in bytes. */
    static final int MAX_TEXT = 254;
    private static final int MAX_DECIMALS = 15;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One field: its name in the file, its kind, and what its values need. */
    static final class Field {
        final String name;
        final ValueKind kind;
        final char type;
        int width;
        int decimals;
        int integerDigits;
        long truncated;

        Field(String name, ValueKind kind) {
            this.name = name;
            this.kind = kind;
            this.type = kind.isInteger() || kind.isFloating() ? 'N' : kind == ValueKind.DATE ? 'D'
                    : kind == ValueKind.BOOLEAN ? 'L' : 'C';
        }
    }

    private final List<Field> fields;
    private final Path spool;
    private final Path dbf;
    private final DataOutputStream values;
    private int records;

    DbfWriter(List<Field> fields, Path spool, Path dbf) throws IOException {
        this.fields = fields;
        this.spool = spool;
        this.dbf = dbf;
        this.values = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16));
    }

    List<Field> fields() {
        return fields;
    }

    /** Adds a record: one value per field (null for none). */
    void add(List<Object> row) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            byte[] text = text(fields.get(i), row.get(i));
            if (text == null) {
                values.writeShort(-1);
            } else {
                values.writeShort(text.length);
                values.write(text);
            }
        }
        records++;
    }

    /** The value as the field stores it, not padded, and notes what the field's width must hold. */
    private static byte[] text(Field f, Object value) {
        if (value == null) {
            return null;
        }
        String text;
        if (f.type == 'N') {
            BigDecimal d = decimal(value);
            if (d == null) {
                return null; // NaN and infinities have no dBase form
            }
            d = d.stripTrailingZeros();
            if (d.scale() > MAX_DECIMALS) {
                d = d.setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
            }
            int scale = Math.max(0, d.scale());
            f.decimals = Math.max(f.decimals, scale);
            f.integerDigits = Math.max(f.integerDigits, d.setScale(0, RoundingMode.DOWN).toPlainString().length()
                    + (d.signum() < 0 && d.abs().compareTo(BigDecimal.ONE) < 0 ? 1 : 0));
            return d.toPlainString().getBytes(StandardCharsets.US_ASCII);
        } else if (f.type == 'D') {
            LocalDate date = value instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(ValueFormat.text(value));
            text = String.format(Locale.ROOT, "%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        } else if (f.type == 'L') {
            text = Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(value.toString()) ? "T" : "F";
        } else if (f.kind == ValueKind.TIMESTAMP_WITH_ZONE && value instanceof Timestamp t) {
            text = UTC.format(t.toInstant());
        } else {
            text = ValueFormat.text(value);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT) {
            bytes = cut(text);
            f.truncated++;
        }
        f.width = Math.max(f.width, bytes.length);
        return bytes;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? new BigDecimal(n.toString()) : null;
        }
        return new BigDecimal(value.toString().strip());
    }

    /** The longest start of the text that holds in a C field, cut between characters. */
    private static byte[] cut(String text) {
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_TEXT) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the spool, complete or not (closing twice does nothing). */
    void close() throws IOException {
        values.close();
    }

    /** Fixes the widths and writes the table from the spooled values. */
    void finish() throws IOException {
        close();
        for (Field f : fields) {
            switch (f.type) {
                case 'N' -> {
                    if (f.kind.isFloating()) {
                        f.decimals = Math.max(1, f.decimals); // a decimal point keeps the field a real number
                    }
                    int floor = f.kind == ValueKind.BIG_INTEGER ? 18 : f.kind.isInteger() ? 9 : 0;
                    f.width = Math.max(floor, Math.max(1, f.integerDigits) + (f.decimals > 0 ? f.decimals + 1 : 0));
                }
                case 'D' -> f.width = 8;
                case 'L' -> f.width = 1;
                default -> f.width = Math.max(1, f.width);
            }
        }
        int recordLength = 1 + fields.stream().mapToInt(f -> f.width).sum();
        if (recordLength > 0xFFFF) {
            throw new IOException("the attributes are too wide for a dBase table (" + recordLength + " bytes a record)");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dbf), 1 << 16);
             DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 16))) {
            out.write(header(recordLength));
            byte[] record = new byte[recordLength];
            for (int r = 0; r < records; r++) {
                java.util.Arrays.fill(record, (byte) ' ');
                int at = 1;
                for (Field f : fields) {
                    int length = in.readShort();
                    if (length >= 0) {
                        byte[] text = in.readNBytes(length);
                        put(record, at, f, text);
                    } else if (f.type == 'L') {
                        record[at] = '?';
                    }
                    at += f.width;
                }
                out.write(record);
            }
            out.write(0x1A);
        }
        Files.delete(spool);
    }

    /** A value in its field: numbers right-aligned with the field's decimals, the rest left-aligned. */
    private static void put(byte[] record, int at, Field f, byte[] text) {
        if (f.type == 'N') {
            byte[] number = new BigDecimal(new String(text, StandardCharsets.US_ASCII))
                    .setScale(f.decimals, RoundingMode.HALF_EVEN).toPlainString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(number, 0, record, at + f.width - number.length, number.length);
        } else {
            System.arraycopy(text, 0, record, at, text.length);
        }
    }

    private byte[] header(int recordLength) {
        int headerLength = 32 + 32 * fields.size() + 1;
        ByteBuffer b = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        b.put((byte) 0x03).put((byte) (today.getYear() - 1900)).put((byte) today.getMonthValue())
                .put((byte) today.getDayOfMonth());
        b.putInt(records).putShort((short) headerLength).putShort((short) recordLength);
        b.position(32);
        for (Field f : fields) {
            byte[] name = f.name.getBytes(StandardCharsets.US_ASCII);
            int start = b.position();
            b.put(name);
            b.position(start + 11);
            b.put((byte) f.type);
            b.position(start + 16);
            b.put((byte) f.width).put((byte) f.decimals);
            b.position(start + 32);
        }
        b.put((byte) 0x0D);
        return b.array();
    }
}
