package fr.yseraa.observatory.ext.db;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/** Migration 3: loads the SINP nomenclature code lists the project ships ({@code sql/reference/sinp-nomenclatures.csv}). */
public final class LoadSinpNomenclatures implements JavaMigration {

    static final String CSV = "db/observatory/reference/sinp-nomenclatures.csv";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "Load SINP nomenclatures";
    }

    @Override
    public Integer getChecksum() {
        return 3; // change it when the shipped code lists change, so Flyway's validation notices
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CSV)) {
            if (in == null) {
                throw new IllegalStateException(CSV + " is missing from the class path");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            try (PreparedStatement ps = context.getConnection().prepareStatement(
                    "INSERT INTO ref.nomenclature (type, type_label, code, label) VALUES (?, ?, ?, ?)")) {
                for (CSVRecord r : format.parse(reader)) {
                    ps.setString(1, r.get("type"));
                    ps.setString(2, r.get("type_label"));
                    ps.setString(3, r.get("code"));
                    ps.setString(4, r.get("label"));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
