package dev.bert4j.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a response body into a file channel, refusing more than {@code limit} bytes, and records when
 * bytes last arrived so a stalled transfer can be abandoned. Completes with the number of bytes written.
 */
final class FileBodySubscriber implements HttpResponse.BodySubscriber<Long> {
    /** The body was longer than the size the Hub announced: the file is wrong, not merely incomplete. */
    static final class BodyTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLongException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final long start;
    private final long limit;
    private long toSkip;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());
    private volatile Flow.Subscription subscription;

    /**
     * @param start bytes already in the file; writing continues there
     * @param skip leading body bytes to drop (a server that ignored our Range header resends them)
     * @param limit most bytes to write after the skipped ones
     */
    FileBodySubscriber(FileChannel channel, long start, long skip, long limit) {
        this.channel = channel;
        this.start = start;
        this.toSkip = skip;
        this.limit = limit;
    }

    long written() {
        return written.get();
    }

    /** Bytes in the file: what was there before plus what this response wrote. */
    long bytesOnDisk() {
        return start + written.get();
    }

    long lastActivityNanos() {
        return lastActivityNanos.get();
    }

    /** Stops the transfer (stall, caller gave up); the bytes written so far stay in the file. */
    void abort(IOException reason) {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        fail(reason);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer item : items) {
                int drop = (int) Math.min(toSkip, item.remaining());
                item.position(item.position() + drop);
                toSkip -= drop;
                long total = written.get() + item.remaining();
                if (total > limit) {
                    abort(new BodyTooLongException("the server sent more than the announced " + limit + " bytes"));
                    return;
                }
                while (item.hasRemaining()) {
                    channel.write(item);
                }
                written.set(total);
            }
            lastActivityNanos.set(System.nanoTime());
            subscription.request(1);
        } catch (IOException e) {
            abort(e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        fail(throwable);
    }

    @Override
    public void onComplete() {
        try {
            channel.force(true);
            channel.close();
            result.complete(written.get());
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    private void fail(Throwable reason) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the reason already explains the failure
        }
        result.completeExceptionally(reason);
    }
}
