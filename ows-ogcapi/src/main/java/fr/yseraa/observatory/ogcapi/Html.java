package fr.yseraa.observatory.ogcapi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A plain HTML page in French, written as it goes (an items page streams its rows). */
final class Html implements AutoCloseable {

    static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private final Writer out;

    Html(OutputStream body, String title) throws IOException {
        this.out = new OutputStreamWriter(body, StandardCharsets.UTF_8);
        out.write("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>");
        text(title);
        out.write("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head><body>\n<h1>");
        text(title);
        out.write("</h1>\n");
    }

    /** Raw markup (never request text). */
    Html raw(String markup) throws IOException {
        out.write(markup);
        return this;
    }

    Html text(String s) throws IOException {
        if (s == null) {
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '&' -> out.write("&amp;");
                case '"' -> out.write("&quot;");
                case '\'' -> out.write("&#39;");
                default -> out.write(c);
            }
        }
        return this;
    }

    Html element(String name, String text) throws IOException {
        raw("<" + name + ">");
        text(text);
        return raw("</" + name + ">\n");
    }

    Html link(String href, String text) throws IOException {
        raw("<a href=\"");
        text(href);
        raw("\">");
        text(text);
        return raw("</a>");
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.write("</body></html>\n");
        out.close();
    }
}
