package fr.yseraa.observatory.wps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ExecutionRecords} in this server's memory: no other server reads them, none outlives a stop. */
final class MemoryExecutionRecords implements ExecutionRecords {

    private final Duration keepFor;
    private final Clock clock;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        volatile byte[] document;
        volatile Map<String, StoredOutput> outputs = Map.of();
        volatile Instant finishedAt;
    }

    MemoryExecutionRecords(Duration keepFor, Clock clock) {
        this.keepFor = keepFor;
        this.clock = clock;
    }

    @Override
    public void accepted(UUID id, String processId, String owner, byte[] document, byte[] interrupted) {
        purge();
        Entry e = new Entry();
        e.document = document;
        entries.put(id, e);
    }

    @Override
    public void running(UUID id, int percent, byte[] document) {
        Entry e = entries.get(id);
        if (e != null) {
            e.document = document;
        }
    }

    @Override
    public void succeeded(UUID id, byte[] document, Map<String, StoredOutput> references) {
        Entry e = entries.get(id);
        if (e != null) {
            e.outputs = Map.copyOf(references);
            finish(e, document);
        }
    }

    @Override
    public void failed(UUID id, byte[] document) {
        Entry e = entries.get(id);
        if (e != null) {
            finish(e, document);
        }
    }

    private void finish(Entry e, byte[] document) {
        e.document = document;
        e.finishedAt = clock.instant();
    }

    @Override
    public void outputs(UUID id, String processId, String owner, Map<String, StoredOutput> references) {
        purge();
        Entry e = new Entry();
        e.outputs = Map.copyOf(references);
        e.finishedAt = clock.instant();
        entries.put(id, e);
    }

    @Override
    public Optional<byte[]> document(UUID id) {
        purge();
        return Optional.ofNullable(entries.get(id)).map(e -> e.document);
    }

    @Override
    public Optional<StoredOutput> output(UUID id, String outputIdentifier) {
        purge();
        return Optional.ofNullable(entries.get(id)).map(e -> e.outputs.get(outputIdentifier));
    }

    @Override
    public void renew(Collection<UUID> held) {
        // nothing outlives this server: no lease to keep
    }

    @Override
    public void forget(UUID id) {
        entries.remove(id);
    }

    private void purge() {
        Instant limit = clock.instant().minus(keepFor);
        entries.values().removeIf(e -> e.finishedAt != null && e.finishedAt.isBefore(limit));
    }
}
