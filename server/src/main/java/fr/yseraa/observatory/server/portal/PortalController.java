package fr.yseraa.observatory.server.portal;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's pages (French, from the {@code portal} module): static HTML in the shared layout; what a page shows
 * comes from its scripts, which read the same services and APIs as any client, with the caller's credentials.
 */
@RestController
public class PortalController {

    private final PortalPages pages = new PortalPages();

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> home() {
        return html("accueil", "/");
    }

    @GetMapping(path = "/carte", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> map() {
        return html("carte", "/carte");
    }

    @GetMapping(path = "/couches", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> layers() {
        return html("couches", "/couches");
    }

    @GetMapping(path = "/indicateurs", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> indicators() {
        return html("indicateurs", "/indicateurs");
    }

    /** One indicator's sheet: the page reads the code from its own URL. */
    @GetMapping(path = "/indicateurs/{code}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> indicator() {
        return html("indicateur", "/indicateurs");
    }

    @GetMapping(path = "/corridors", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> corridors() {
        return html("corridors", "/corridors");
    }

    private ResponseEntity<String> html(String name, String nav) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(pages.page(name, nav));
    }
}
