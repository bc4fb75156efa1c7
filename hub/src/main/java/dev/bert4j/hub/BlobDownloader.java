package dev.bert4j.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one blob: GET with redirects, resume from {@code blobs/{etag}.incomplete} with a Range
 * header, size and SHA-256 checks, then an atomic move to {@code blobs/{etag}}. Whatever happens, the
 * only file ever named {@code blobs/{etag}} is a complete, verified one.
 */
final class BlobDownloader {
    private static final int MAX_ATTEMPTS = 5;
    private static final long POLL_MILLIS = 100;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubHttp http;

    BlobDownloader(HubHttp http) {
        this.http = http;
    }

    /** One file to fetch: where from, where to, and what it must be. */
    record Job(HubModelId id, String file, FileMetadata meta, Path incomplete, Path blob, DownloadListener listener) {}

    void download(Job job) {
        try {
            long have = Files.isRegularFile(job.incomplete()) ? Files.size(job.incomplete()) : 0;
            if (have > job.meta().size()) {
                Files.delete(job.incomplete());
                have = 0;
            }
            Files.createDirectories(job.incomplete().getParent());
            if (!Files.exists(job.incomplete())) {
                Files.createFile(job.incomplete());
            }
            job.listener().started(job.id(), job.file(), job.meta().size(), have);
            fetchRemaining(job, have);
            verify(job);
            HubCache.moveAtomically(job.incomplete(), job.blob());
            job.listener().finished(job.id(), job.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + job.incomplete() + ": " + e.getMessage(), e);
        }
    }

    private void fetchRemaining(Job job, long start) throws IOException {
        long have = start;
        long size = job.meta().size();
        for (int attempt = 1; have < size; attempt++) {
            try {
                transfer(job, have);
            } catch (IOException e) {
                long now = Files.size(job.incomplete());
                if (now != have && attempt < MAX_ATTEMPTS) {
                    have = now;
                    continue;
                }
                throw interrupted(job, now, e);
            }
            long now = Files.size(job.incomplete());
            if (now < size && (now <= have || attempt >= MAX_ATTEMPTS)) {
                throw interrupted(job, now, new IOException("the response ended early"));
            }
            have = now;
        }
    }

    private HubTransferException interrupted(Job job, long have, IOException cause) {
        return new HubTransferException("the download of " + job.file() + " of " + job.id() + " stopped after "
                + have + " of " + job.meta().size() + " bytes (" + describe(cause) + "); run again to resume from "
                + job.incomplete(), cause);
    }

    /** One GET (following redirects) that appends to the incomplete file. */
    private void transfer(Job job, long have) throws IOException {
        URI uri = job.meta().location();
        boolean sendToken = http.isEndpointOrigin(uri);
        Set<URI> seen = new HashSet<>();
        for (int hop = 0; hop <= HubHttp.MAX_REDIRECTS; hop++) {
            if (!seen.add(uri)) {
                throw new HubTransferException("redirect loop while downloading " + job.file() + ": " + uri
                        + " was visited twice");
            }
            var request = http.request(uri, sendToken).GET().timeout(http.settings().downloadTimeout());
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            AtomicReference<FileBodySubscriber> writer = new AtomicReference<>();
            AtomicReference<RuntimeException> refused = new AtomicReference<>();
            CompletableFuture<HttpResponse<Object>> pending = http.client().sendAsync(request.build(), info -> {
                HubHttp.checkHeaderSize(info.headers(), job.meta().location());
                int status = info.statusCode();
                if (status != 200 && status != 206) {
                    return HttpResponse.BodySubscribers.mapping(BoundedBytes.subscriber(4096), b -> (Object) b);
                }
                try {
                    FileBodySubscriber sink = openSink(job, have, status, info.headers());
                    writer.set(sink);
                    return HttpResponse.BodySubscribers.mapping(sink, n -> (Object) n);
                } catch (RuntimeException e) {
                    refused.set(e);
                    return HttpResponse.BodySubscribers.mapping(BoundedBytes.subscriber(0), b -> (Object) b);
                }
            });
            HttpResponse<Object> response = await(pending, writer, job);
            if (refused.get() != null) {
                if (refused.get() instanceof HubIntegrityException) {
                    Files.deleteIfExists(job.incomplete());
                }
                throw refused.get();
            }
            int status = response.statusCode();
            if (status == 200 || status == 206) {
                return;
            }
            if (status >= 300 && status < 400) {
                URI next = HubHttp.redirectTarget(uri, response.headers(), job.file());
                sendToken = sendToken && HubHttp.sameOrigin(uri, next);
                uri = next;
                continue;
            }
            if (status == 416) {
                Files.write(job.incomplete(), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                throw new IOException("the server refused to resume at byte " + have + " (HTTP 416); restarting");
            }
            byte[] body = response.body() instanceof byte[] b ? b : new byte[0];
            throw http.statusError(status, response.headers(), uri, job.id(), job.file(), body);
        }
        throw new HubTransferException("more than " + HubHttp.MAX_REDIRECTS + " redirects while downloading "
                + job.file() + " of " + job.id() + " (last: " + uri + ")");
    }

    /** Opens the incomplete file at the right position for a 200 (whole file) or 206 (the rest). */
    private static FileBodySubscriber openSink(Job job, long have, int status, HttpHeaders headers) {
        long size = job.meta().size();
        long start = 0;
        if (status == 206) {
            String range = headers.firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) != have
                    || (!m.group(3).equals("*") && Long.parseLong(m.group(3)) != size)) {
                throw new HubIntegrityException("the server answered the resume of " + job.file() + " at byte " + have
                        + " with Content-Range '" + range + "' for a file of " + size + " bytes");
            }
            start = have;
        }
        long expected = size - start;
        long announced = status == 206 ? expected : size;
        headers.firstValueAsLong("Content-Length").ifPresent(length -> {
            if (length != announced) {
                throw new HubIntegrityException("the server announced " + length + " bytes for " + job.file()
                        + " of " + job.id() + " but " + announced + " were expected (file size " + size
                        + " from the Hub's metadata); the partial download was discarded");
            }
        });
        try {
            FileChannel channel = FileChannel.open(job.incomplete(), StandardOpenOption.WRITE);
            // a 200 to a Range request resends the whole file: drop the bytes we already have
            long keep = status == 206 ? start : have;
            channel.truncate(keep);
            channel.position(keep);
            return new FileBodySubscriber(channel, keep, status == 206 ? 0 : have, size - keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + job.incomplete(), e);
        }
    }

    /**
     * Waits for the exchange, reporting progress and abandoning it when no bytes arrive for the stall
     * timeout (an IOException: retried if it got somewhere) or when it runs below the minimum rate (not
     * retried: the same server would trickle again).
     */
    private HttpResponse<Object> await(CompletableFuture<HttpResponse<Object>> pending,
            AtomicReference<FileBodySubscriber> writer, Job job) throws IOException {
        long stallNanos = http.settings().downloadTimeout().toNanos();
        long startNanos = System.nanoTime();
        long windowStart = -1;
        long windowBytes = 0;
        long reported = -1;
        while (true) {
            try {
                return pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                FileBodySubscriber sink = writer.get();
                long now = System.nanoTime();
                long last = sink == null ? startNanos : sink.lastActivityNanos();
                if (sink != null && sink.written() != reported) {
                    reported = sink.written();
                    job.listener().progressed(job.id(), job.file(), sink.bytesOnDisk(), job.meta().size());
                }
                if (now - last > stallNanos) {
                    HttpTimeoutException stall = new HttpTimeoutException("no data for "
                            + http.settings().downloadTimeout().toSeconds() + " s");
                    stop(pending, sink, stall);
                    throw stall;
                }
                if (sink != null && windowStart < 0) {
                    windowStart = now;                          // the rate counts from the first body byte
                    windowBytes = sink.written();
                } else if (sink != null && now - windowStart >= http.settings().rateWindow().toNanos()) {
                    checkRate(pending, sink, job, sink.written() - windowBytes, now - windowStart);
                    windowStart = now;
                    windowBytes = sink.written();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.cancel(true);
                throw new HubTransferException("interrupted while downloading " + job.file(), e);
            } catch (ExecutionException e) {
                throw failure(e.getCause(), job);
            }
        }
    }

    /** The exception for an exchange that ended with {@code cause}. */
    private static IOException failure(Throwable cause, Job job) throws IOException {
        if (cause instanceof FileBodySubscriber.BodyTooLongException tooLong) {
            Files.deleteIfExists(job.incomplete());
            throw new HubIntegrityException("the server sent more bytes for " + job.file() + " of " + job.id()
                    + " than its announced size of " + job.meta().size() + " (" + tooLong.getMessage()
                    + "); the partial download was discarded");
        }
        if (cause instanceof HubException hub) {
            throw hub;
        }
        if (cause instanceof java.net.ProtocolException protocol) {
            throw new HubTransferException("the server sent a malformed or oversized response (status line or"
                    + " headers) for " + job.file() + " of " + job.id() + ": " + protocol.getMessage(), protocol);
        }
        if (cause instanceof IOException io) {
            return io;
        }
        throw new HubTransferException("download of " + job.file() + " failed: " + describe(cause), cause);
    }

    private static void verify(Job job) throws IOException {
        long size = Files.size(job.incomplete());
        if (size != job.meta().size()) {
            Files.deleteIfExists(job.incomplete());
            throw new HubIntegrityException(job.file() + " of " + job.id() + " has " + size + " bytes but the Hub said "
                    + job.meta().size() + "; the download was discarded");
        }
        String etag = job.meta().etag();
        if (HubCache.isSha256(etag)) {
            String actual = sha256(job.incomplete());
            if (!actual.equals(etag)) {
                Files.deleteIfExists(job.incomplete());
                throw new HubIntegrityException(job.file() + " of " + job.id() + " has SHA-256 " + actual
                        + " but the Hub said " + etag + "; the download was discarded, run again to retry");
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Abandons the transfer when it brought fewer than the minimum bytes per second over the last window. */
    private void checkRate(CompletableFuture<HttpResponse<Object>> pending, FileBodySubscriber sink, Job job,
            long bytes, long nanos) {
        HubSettings settings = http.settings();
        long rate = (long) (bytes / (nanos / 1e9));
        if (rate >= settings.minDownloadRate()) {
            return;
        }
        HubTransferException slow = new HubTransferException("the download of " + job.file() + " of " + job.id()
                + " brought " + rate + " bytes/s over the last " + settings.rateWindow().toSeconds() + " s, below the"
                + " minimum of " + settings.minDownloadRate() + " bytes/s (BERT4J_HUB_MIN_RATE); stopped after "
                + sink.bytesOnDisk() + " of " + job.meta().size() + " bytes, run again to resume from "
                + job.incomplete());
        stop(pending, sink, new IOException(slow.getMessage()));
        throw slow;
    }

    private static void stop(CompletableFuture<HttpResponse<Object>> pending, FileBodySubscriber sink,
            IOException reason) {
        if (sink != null) {
            sink.abort(reason);
        }
        pending.cancel(true);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
