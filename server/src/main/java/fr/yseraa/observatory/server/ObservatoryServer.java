package fr.yseraa.observatory.server;

import java.util.Arrays;

/**
 * Entry point of the server jar. Commands:
 * <pre>
 *   serve [spring options]         run the OGC server (the default)
 *   load-demo [options]            fill the database with the demo observatory
 *   load-taxref FILE [--version V] load or update taxa from a TAXREF file, re-derive the occurrences
 *   load-statuts FILE [--version V] load the statuses of taxa (BDC statuts), derive the heritage flags
 *   user ...                       manage users, roles and API keys
 *   help                           print this help
 * </pre>
 */
public final class ObservatoryServer {

    static final String USAGE = """
            usage: java -jar observatory-server.jar [COMMAND] [OPTIONS]

            commands:
              serve                      run the OGC web services on port 8080 (the default command);
                                         an empty database is filled with the demo observatory first
              load-demo                  fill the database with the demo observatory
                  --occurrences N        number of occurrences (default 100000)
                  --seed S               random seed (the same seed gives the same demo)
                  --communes FILE        real commune boundaries (GeoJSON, properties code and nom, WGS 84)
                  --departements FILE    real département boundaries (GeoJSON, properties code and nom)
                  --replace              empty the observatory's tables first
              load-taxref FILE           load or update taxa from a TAXREF text file (tab-separated, with header),
                                         then re-derive the occurrences' cdRef, sensitivity and diffusion, the
                                         heritage flags and the indicators
                  --version V            the TAXREF version (default: read from the file name, e.g. TAXREFv17.txt)
              load-statuts FILE          load the protection and red-list statuses of taxa from a file in the
                                         layout of the INPN's BDC statuts (replacing those held), then derive
                                         the heritage flags (patrimonial) and the indicators
                  --version V            the statuses' version (default: the file name)
              import FILE --dataset UUID --mapping NAME
                                         import occurrences from a CSV, GeoJSON or GeoPackage file into a
                                         dataset: new ones are inserted, changed ones updated (on idSINPOccTax),
                                         invalid rows rejected and listed in a report
                  --mode M               incremental (default), or full: the dataset's occurrences the file
                                         does not hold are withdrawn (each leaves a tombstone)
                  --dry-run              check and report, write nothing
                  --max-rejected N|P%    refuse the whole import (write nothing, exit 1) when more than N rows,
                                         or more than P % of the rows read, are rejected
                  --report FILE          where the list of rejected rows goes (default: FILE.report.csv beside
                                         it; FILE.json gives a JSON report with the counts per reason)
                  --data-dir DIR         the data directory holding imports/mappings/NAME.yaml
                                         (default: OBS_DATA_DIR, else data-dir)
              export --dataset UUID | --all
                                         write the DEE flow of occurrences (the SINP standard's field names;
                                         imports again through the mapping standard)
                  --since DATE           only the occurrences modified after DATE (2026-12-01, midnight UTC,
                                         or 2026-12-01T08:30:00+01:00), then the deletions after it
                  --format F             csv (default; geometry in Lambert-93 EWKT) or geojson (WGS 84)
                  --out FILE             where it goes (default: the standard output)
              rebuild-density            recount the precomputed density grids whole (imports and WFS-T keep them
                                         up to date; needed after writes that go around the server, psql say)
              user list                  list users and their roles
              user add LOGIN --roles R1,R2 [--organisation ORG]
                                         create a user (or reset its password and roles); the password is
                                         OBS_USER_PASSWORD, else a random one printed once
              user roles LOGIN --roles R1,R2
                                         replace a user's roles
              user key LOGIN [--label L] issue an API key (printed once)
              user revoke-key KEY_ID     revoke an API key
              help                       print this help

            database: DATABASE_URL (jdbc:postgresql://... or postgres://user:pass@host:port/db) or the PG*
            variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD); when none is set, a private PostgreSQL 15 +
            PostGIS cluster is started in .local/postgres (OBS_HOME to choose another folder).
            """;

    private ObservatoryServer() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("--") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        int status = switch (command) {
            case "serve" -> {
                ObservatoryApplication.start(rest);
                yield -1;
            }
            case "load-demo" -> Commands.loadDemo(rest);
            case "load-taxref" -> Commands.loadTaxref(rest);
            case "load-statuts" -> Commands.loadStatuts(rest);
            case "import" -> Commands.importOccurrences(rest, System.getenv());
            case "export" -> Commands.exportOccurrences(rest, System.getenv());
            case "rebuild-density" -> Commands.rebuildDensity(rest, System.getenv());
            case "user" -> Commands.user(rest);
            case "help", "-h" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("unknown command: " + command);
                System.err.print(USAGE);
                yield 2;
            }
        };
        if (status >= 0) {
            System.exit(status);
        }
    }
}
