package dev.bert4j.tokenizers;

/**
 * The BERT special tokens of a tokenizer and their ids. A token the tokenizer does not have is null with id -1.
 */
public record SpecialTokens(String cls, int clsId, String sep, int sepId, String pad, int padId, String mask,
                            int maskId, String unk, int unkId) {}
