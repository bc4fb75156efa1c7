package dev.bert4j.pipeline.fillmask;

import dev.bert4j.pipeline.PipelineInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Resolves the fill-mask {@code targets} option as Hugging Face's {@code
 * FillMaskPipeline.get_target_ids} does:
 *
 * <ol>
 *   <li>a target that is a vocabulary token (exact match, so {@code "##ing"} or a cased word in a
 *       cased vocabulary) is used as it is;
 *   <li>otherwise the target is tokenized without special tokens and its <em>first</em> token id is
 *       used, with the warning "does not exist in the model vocabulary. Replacing with `X`";
 *   <li>a target that tokenizes to nothing is ignored, with a warning;
 *   <li>duplicate ids are merged; if no id is left, it is an error ("At least one target must be
 *       provided when passed.").
 * </ol>
 */
public final class FillMaskTargets {

    private FillMaskTargets() {
    }

    public static ResolvedTargets resolve(List<String> targets, TargetVocabulary vocabulary) {
        Set<Integer> ids = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        for (String target : targets) {
            OptionalInt exact = vocabulary.tokenToId(target);
            if (exact.isPresent()) {
                ids.add(exact.getAsInt());
                continue;
            }
            int[] pieces = vocabulary.encodeWithoutSpecialTokens(target);
            if (pieces.length == 0) {
                warnings.add("The specified target token `" + target + "` does not exist in the model "
                        + "vocabulary. We cannot replace it with anything meaningful, ignoring it");
                continue;
            }
            ids.add(pieces[0]);
            warnings.add("The specified target token `" + target + "` does not exist in the model "
                    + "vocabulary. Replacing with `" + vocabulary.idToToken(pieces[0]) + "`.");
        }
        if (ids.isEmpty()) {
            throw new PipelineInputException("At least one target must be provided when passed: targets "
                    + targets + " resolved to no vocabulary token");
        }
        return new ResolvedTargets(ids.stream().mapToInt(Integer::intValue).toArray(), warnings);
    }
}
