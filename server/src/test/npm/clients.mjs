// Calls bert4j serve at the URL given as the first argument with two real npm clients and prints one JSON
// object with what they returned (NpmClientsTest compares it with the library's own embeddings).
import { InferenceClient } from "@huggingface/inference";
import OpenAI from "openai";

const base = process.argv[2];
const texts = JSON.parse(process.argv[3]);

// Hugging Face's client in endpoint mode POSTs {"inputs": ...} to the URL itself: TEI's root route.
const hf = new InferenceClient();
const tei = await hf.featureExtraction({ endpointUrl: base, inputs: texts });

// OpenAI's SDK asks for base64 by default and decodes the little-endian float32 itself.
const openai = new OpenAI({ baseURL: base + "/v1", apiKey: "unused", maxRetries: 0 });
const viaBase64 = await openai.embeddings.create({ model: "text-embedding-3-small", input: texts });
const viaFloat = await openai.embeddings.create({ model: "any", input: texts[0], encoding_format: "float",
  dimensions: 64 });
let overloaded = null;
try {
  await openai.embeddings.create({ model: "any", input: [] });
} catch (e) {
  overloaded = { status: e.status, type: e.type ?? e.error?.type, message: e.message };
}

console.log(JSON.stringify({
  tei,
  openai: viaBase64.data.map(d => ({ index: d.index, embedding: Array.from(d.embedding) })),
  usage: viaBase64.usage,
  model: viaBase64.model,
  float64: viaFloat.data[0].embedding,
  error: overloaded,
}));
