package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * obs:Connectivity agrees with an independent computation by networkx on the patches and links it returns
 * (bench/connectivity_check.py, to 1e-9 relative). Skipped where python3 with networkx is not installed.
 */
class NetworkxCrossCheckTest {

    private static boolean networkxAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import networkx").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theWetlandGraphAgreesWithNetworkx(@TempDir Path dir) throws Exception {
        assumeTrue(networkxAvailable(), "python3 with networkx (Debian python3-networkx) is not installed");
        DemoProcesses.init();
        ProcessResult r = DemoProcesses.run(new ConnectivityProcess(), DemoProcesses.literals("subNetwork", "wetland"),
                Caller.anonymous());
        Files.writeString(dir.resolve("patches.csv"), DemoProcesses.complex(r, "patches", "text/csv"));
        Files.writeString(dir.resolve("links.csv"), DemoProcesses.complex(r, "links", "text/csv"));
        Files.writeString(dir.resolve("summary.json"), DemoProcesses.complex(r, "summary", "application/json"));
        Process check = new ProcessBuilder("python3", ObservatoryDatabase.projectRoot().resolve("bench/connectivity_check.py")
                .toString(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains(" 0 disagree");
    }
}
