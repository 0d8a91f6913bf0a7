package fr.yseraa.observatory.server.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's pages, each assembled once from the shared layout ({@code portal/layout.html}) and the page's own
 * file ({@code portal/pages/NAME.html}, from the portal module): the page file holds its {@code <title>}, then the
 * lines it adds to the head (scripts, stylesheets), then a {@code <!-- main -->} line and the page's main content.
 */
public final class PortalPages {

    static final String MAIN_MARK = "<!-- main -->";

    private final Map<String, String> assembled = new ConcurrentHashMap<>();

    /** The whole HTML of a page; {@code nav} is the navigation link marked as the current page. */
    public String page(String name, String nav) {
        return assembled.computeIfAbsent(name + " " + nav, k -> assemble(name, nav));
    }

    static String assemble(String name, String nav) {
        String page = resource("portal/pages/" + name + ".html");
        int titleEnd = page.indexOf("</title>");
        int main = page.indexOf(MAIN_MARK);
        if (!page.startsWith("<title>") || titleEnd < 0 || main < titleEnd) {
            throw new IllegalStateException("portal page " + name + ": expected <title>, head lines, " + MAIN_MARK);
        }
        String navLink = "<a href=\"" + nav + "\">";
        String layout = resource("portal/layout.html");
        if (!layout.contains(navLink)) {
            throw new IllegalStateException("portal layout: no navigation link to " + nav);
        }
        return layout.replace(navLink, "<a href=\"" + nav + "\" aria-current=\"page\">")
                .replace("@TITLE@", page.substring("<title>".length(), titleEnd))
                .replace("@PAGE@", name)
                .replace("@HEAD@", page.substring(titleEnd + "</title>".length(), main).strip())
                .replace("@MAIN@", page.substring(main + MAIN_MARK.length()).strip());
    }

    private static String resource(String path) {
        try (InputStream in = PortalPages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing portal resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
