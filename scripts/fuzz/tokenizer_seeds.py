"""Small tokenizer.json seeds cut from a real one: same structure, vocabulary cut to a few hundred entries.

Usage: python3 tokenizer_seeds.py REAL_TOKENIZER_JSON OUT_DIR PREFIX
Writes PREFIX-small.json (valid, renumbered vocabulary), PREFIX-head.bin (the first bytes of the real file,
which end mid-JSON) and PREFIX-wordpiece-only.json (no normalizer, pre-tokenizer, post-processor or decoder).
"""
import json
import sys

real, out, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
raw = open(real, "rb").read()
tok = json.loads(raw)
vocab = tok["model"]["vocab"]
by_id = sorted(vocab.items(), key=lambda kv: kv[1])
keep = [t for t, i in by_id if i < 104]                     # [PAD], [unused*], [UNK], [CLS], [SEP], [MASK]
keep += [t for t, i in by_id if 1996 <= i < 2096]            # the commonest words
keep += [t for t, i in by_id if t.startswith("##")][:40]     # some continuation pieces
keep += [t for t, i in by_id if len(t) == 1][:60]            # single characters
seen, small = set(), {}
for t in keep:
    if t not in seen:
        seen.add(t)
        small[t] = len(small)
assert all(small[t] == vocab[t] for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"))
tok["model"]["vocab"] = small
tok["truncation"] = None
tok["padding"] = None
with open(f"{out}/{prefix}-small.json", "w") as f:
    json.dump(tok, f, ensure_ascii=False, separators=(",", ":"))
with open(f"{out}/{prefix}-head.bin", "wb") as f:
    f.write(raw[:1500])
bare = {"version": "1.0", "added_tokens": [], "normalizer": None, "pre_tokenizer": None,
        "post_processor": None, "decoder": None, "model": tok["model"]}
with open(f"{out}/{prefix}-wordpiece-only.json", "w") as f:
    json.dump(bare, f, ensure_ascii=False, separators=(",", ":"))
