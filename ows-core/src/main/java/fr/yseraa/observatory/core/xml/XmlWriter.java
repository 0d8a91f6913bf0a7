package fr.yseraa.observatory.core.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the XML documents of every service, in UTF-8, as they are produced: elements with namespace prefixes the
 * caller declares ({@link #namespace}), attributes, text that skips nulls, CDATA sections and a document type
 * declaration. Its own small writer rather than StAX: the JDK's StAX writer encodes and writes character by
 * character, which was most of the time of a large GML answer. Text escapes {@code & < >}, attribute values
 * {@code & < > "}; the output is the same as the StAX writer's for the same calls. A character XML 1.0 does not
 * allow (a control character, U+FFFE, U+FFFF, a lone surrogate), which a message may echo from a request, is written
 * as U+FFFD: whatever it is given, the document is well-formed.
 *
 * <p>The namespace arguments name the element's namespace for the reader; the prefix alone is written (the caller
 * declares it once on an enclosing element). A null or empty prefix writes the name unprefixed (no namespace, or the
 * default namespace declared with {@code namespace("", uri)}).
 */
public final class XmlWriter implements AutoCloseable {

    private static final int BUFFER = 32 * 1024;
    /** Room for one character, encoded and escaped, at most ("&quot;" is 6 bytes, UTF-8 at most 4). */
    private static final int LARGEST_CHARACTER = 6;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int size;
    private final Deque<String> open = new ArrayDeque<>();
    /** A start tag is written up to its attributes, its {@code >} (or {@code />}) not yet. */
    private boolean startTagOpen;
    private boolean startTagEmpty;

    public XmlWriter(OutputStream out) {
        this.out = out;
        ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /** Writing failed: the client went away or the stream broke. */
    public static final class XmlWriteException extends RuntimeException {
        XmlWriteException(IOException cause) {
            super("cannot write XML: " + cause.getMessage(), cause);
        }
    }

    public XmlWriter start(String prefix, String namespace, String local) {
        String name = qualified(prefix, local);
        openTag(name, false);
        open.push(name);
        return this;
    }

    public XmlWriter empty(String prefix, String namespace, String local) {
        openTag(qualified(prefix, local), true);
        return this;
    }

    /** Declares a prefix on the element just started (an empty prefix declares the default namespace). */
    public XmlWriter namespace(String prefix, String uri) {
        attributeValue(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, uri);
        return this;
    }

    public XmlWriter attribute(String name, String value) {
        if (value != null) {
            attributeValue(name, value);
        }
        return this;
    }

    public XmlWriter attribute(String prefix, String namespace, String name, String value) {
        if (value != null) {
            attributeValue(qualified(prefix, name), value);
        }
        return this;
    }

    public XmlWriter text(String text) {
        if (text != null) {
            closeStartTag();
            escaped(text, false);
        }
        return this;
    }

    public XmlWriter end() {
        closeStartTag();
        String name = open.pop();
        ascii("</");
        ascii(name);
        ascii(">");
        return this;
    }

    /** An element holding text; nothing when the text is null. */
    public XmlWriter element(String prefix, String namespace, String local, String text) {
        if (text == null) {
            return this;
        }
        return start(prefix, namespace, local).text(text).end();
    }

    /** An element holding text; nothing when the text is null or blank (optional elements of a document). */
    public XmlWriter elementUnlessBlank(String prefix, String namespace, String local, String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        return start(prefix, namespace, local).text(text).end();
    }

    /** An unprefixed element (no namespace, or the default one). */
    public XmlWriter start(String local) {
        return start(null, null, local);
    }

    /** An unprefixed empty element. */
    public XmlWriter empty(String local) {
        return empty(null, null, local);
    }

    /** An unprefixed element holding text; nothing when the text is null. */
    public XmlWriter element(String local, String text) {
        return element(null, null, local, text);
    }

    /** An unprefixed element holding text, written even when the text is null or empty (elements a schema requires). */
    public XmlWriter required(String local, String text) {
        return start(local).text(text).end();
    }

    /**
     * The document type declaration, written as given ({@code <!DOCTYPE root SYSTEM "uri">}): call it before the root
     * element.
     */
    public XmlWriter doctype(String declaration) {
        if (!open.isEmpty() || startTagOpen) {
            throw new IllegalStateException("the document type is declared before the root element");
        }
        ascii(declaration);
        return this;
    }

    /** Text as CDATA sections, split where the text itself holds {@code ]]>}; nothing when the text is null. */
    public XmlWriter cdata(String text) {
        if (text == null) {
            return this;
        }
        closeStartTag();
        String[] parts = text.split("]]>", -1);
        for (int i = 0; i < parts.length; i++) {
            ascii("<![CDATA[");
            raw(XmlChars.allowedOnly(parts[i]).getBytes(StandardCharsets.UTF_8));
            if (i < parts.length - 1) {
                ascii("]]]]>");
                escaped(">", false);
            } else {
                ascii("]]>");
            }
        }
        return this;
    }

    /** Sends what is written so far to the stream (and flushes it). */
    public XmlWriter flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new XmlWriteException(e);
        }
        return this;
    }

    /** Ends the elements still open and flushes; the stream stays open. */
    @Override
    public void close() {
        while (!open.isEmpty()) {
            end();
        }
        closeStartTag();
        flush();
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private void openTag(String name, boolean empty) {
        closeStartTag();
        ascii("<");
        ascii(name);
        startTagOpen = true;
        startTagEmpty = empty;
    }

    private void closeStartTag() {
        if (startTagOpen) {
            ascii(startTagEmpty ? "/>" : ">");
            startTagOpen = false;
        }
    }

    private void attributeValue(String name, String value) {
        if (!startTagOpen) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        ascii(" ");
        ascii(name);
        ascii("=\"");
        escaped(value, true);
        ascii("\"");
    }

    /** Names and markup: characters below 128 only, as written by this class and the catalog's names. */
    private void ascii(String s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                escaped(s.substring(i), false); // a name with a non-ASCII letter: encode the rest
                return;
            }
            if (size == BUFFER) {
                drain();
            }
            buffer[size++] = (byte) c;
        }
    }

    private void escaped(String s, boolean attribute) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            if (size > BUFFER - LARGEST_CHARACTER) {
                drain();
            }
            char c = s.charAt(i);
            if (c < 0x20 && !XmlChars.allowed(c)) {
                c = XmlChars.REPLACEMENT;
            }
            if (c < 0x80) {
                switch (c) {
                    case '&' -> put("&amp;");
                    case '<' -> put("&lt;");
                    case '>' -> put("&gt;");
                    case '"' -> {
                        if (attribute) {
                            put("&quot;");
                        } else {
                            buffer[size++] = '"';
                        }
                    }
                    default -> buffer[size++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | c >> 6);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[size++] = (byte) (0xF0 | cp >> 18);
                buffer[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[size++] = (byte) (0x80 | cp & 0x3F);
            } else {
                // a lone surrogate has no UTF-8 form; U+FFFE and U+FFFF are not XML characters
                char encodable = XmlChars.allowed(c) ? c : XmlChars.REPLACEMENT;
                buffer[size++] = (byte) (0xE0 | encodable >> 12);
                buffer[size++] = (byte) (0x80 | encodable >> 6 & 0x3F);
                buffer[size++] = (byte) (0x80 | encodable & 0x3F);
            }
        }
    }

    /** Bytes as they are (CDATA content, encoded). */
    private void raw(byte[] bytes) {
        if (bytes.length > BUFFER - size) {
            drain();
            if (bytes.length > BUFFER) {
                try {
                    out.write(bytes);
                } catch (IOException e) {
                    throw new XmlWriteException(e);
                }
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** An escape sequence (ASCII), room for it having been made. */
    private void put(String escape) {
        for (int i = 0; i < escape.length(); i++) {
            buffer[size++] = (byte) escape.charAt(i);
        }
    }

    private void drain() {
        if (size == 0) {
            return;
        }
        try {
            out.write(buffer, 0, size);
        } catch (IOException e) {
            throw new XmlWriteException(e);
        }
        size = 0;
    }
}
