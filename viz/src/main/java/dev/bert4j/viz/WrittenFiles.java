package dev.bert4j.viz;

import java.nio.file.Path;
import java.util.List;

/**
 * What a writer put in its folder.
 *
 * @param files    the files written, the page first
 * @param warnings what the user should know about them (a font that cannot draw some tokens), possibly none
 */
public record WrittenFiles(List<Path> files, List<String> warnings) {
    public WrittenFiles {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
