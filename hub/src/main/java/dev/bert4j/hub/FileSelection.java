package dev.bert4j.hub;

import java.util.List;

/**
 * Which files of a repository to fetch. A selection may read files it already fetched to decide on
 * more (a sharded index names its shards, {@code modules.json} names module folders).
 */
@FunctionalInterface
public interface FileSelection {
    void fetch(FileSource source);

    /** Everything a BERT model directory needs: see {@link BertModelFiles}. */
    static FileSelection bertModel() {
        return new BertModelFiles();
    }

    /** Exactly these files: all of {@code required}, and those of {@code optional} the repository has. */
    static FileSelection files(List<String> required, List<String> optional) {
        List<String> req = List.copyOf(required);
        List<String> opt = List.copyOf(optional);
        req.forEach(RepoPath::check);
        opt.forEach(RepoPath::check);
        return source -> {
            req.forEach(source::required);
            opt.forEach(source::optional);
        };
    }
}
