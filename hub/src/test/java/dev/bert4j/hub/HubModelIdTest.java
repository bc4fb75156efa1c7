package dev.bert4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HubModelIdTest {
    @Test
    void parsesNamespacedAndLegacyIdsWithRevisions() {
        HubModelId id = HubModelId.parse("cl-tohoku/bert-base-japanese@v1.0");
        assertThat(id.namespace()).contains("cl-tohoku");
        assertThat(id.name()).isEqualTo("bert-base-japanese");
        assertThat(id.revision()).isEqualTo("v1.0");
        assertThat(id.repoId()).isEqualTo("cl-tohoku/bert-base-japanese");
        assertThat(id.cacheFolderName()).isEqualTo("models--cl-tohoku--bert-base-japanese");
        assertThat(id).hasToString("cl-tohoku/bert-base-japanese@v1.0");

        HubModelId legacy = HubModelId.parse("bert-base-uncased");
        assertThat(legacy.namespace()).isEqualTo(Optional.empty());
        assertThat(legacy.revision()).isEqualTo("main");
        assertThat(legacy.cacheFolderName()).isEqualTo("models--bert-base-uncased");

        HubModelId pr = HubModelId.parse("sentence-transformers/all-MiniLM-L6-v2@refs/pr/12");
        assertThat(pr.revision()).isEqualTo("refs/pr/12");
        assertThat(HubModelId.parse("org/m@0123456789abcdef0123456789abcdef01234567").revisionIsCommit()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "a/b/c", "../x", "org/..", "org/a--b", "org/a..b", "org/-x", "org/x@",
        "org/x@../../etc", "org/x@a//b", "org/x@/main", "/abs/path", "./model", "org/na me", "org\\x", "org/x@a/./b",
        "C:\\models\\bert"})
    void rejectsMalformedAndTraversingIds(String text) {
        assertThatThrownBy(() -> HubModelId.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Hub model id");
        assertThat(HubModelId.looksLikeHubId(text)).isFalse();
    }
}
