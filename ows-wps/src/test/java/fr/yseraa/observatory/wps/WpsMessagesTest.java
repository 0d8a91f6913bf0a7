package fr.yseraa.observatory.wps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The texts users read come from the bundle, as they were written (apostrophes, accents, arguments). */
class WpsMessagesTest {

    @Test
    void textsReadAsWritten() {
        assertThat(WpsMessages.text("execute.accepted")).isEqualTo("Traitement accepté, en attente d'exécution");
        assertThat(WpsMessages.text("execute.succeeded")).isEqualTo("Traitement terminé");
        assertThat(WpsMessages.text("reference.refused", "area")).isEqualTo("Entrée area : les données par référence"
                + " ne sont pas acceptées par ce serveur ; envoyez-les dans la requête");
    }
}
