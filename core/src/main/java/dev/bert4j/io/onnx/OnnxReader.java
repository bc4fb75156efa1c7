package dev.bert4j.io.onnx;

import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the parts of an ONNX ModelProto a BERT importer needs, straight from the protobuf wire
 * format with {@link CodedInputStream}. Field numbers follow {@code onnx.proto}.
 */
public final class OnnxReader {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_S = 4;
    private static final int ATTR_T = 5;
    private static final int ATTR_INTS = 8;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;

    private OnnxReader() {
    }

    /** Parses a whole ONNX model file held in memory. */
    public static OnnxGraph read(byte[] bytes) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            OnnxGraph graph = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (tag >>> 3 == MODEL_GRAPH) {
                    graph = readMessage(in, OnnxReader::readGraph);
                } else {
                    in.skipField(tag);
                }
            }
            if (graph == null) {
                throw new OnnxFormatException("not an ONNX model: no graph found (the file may be truncated "
                        + "or not an .onnx file)");
            }
            return graph;
        } catch (IOException | RuntimeException e) {
            if (e instanceof OnnxFormatException ofe) {
                throw ofe;
            }
            throw new OnnxFormatException("not a readable ONNX model (" + e.getMessage()
                    + "); is the file complete and really ONNX?", e);
        }
    }

    private interface Body<T> {
        T read(CodedInputStream in) throws IOException;
    }

    private static <T> T readMessage(CodedInputStream in, Body<T> body) throws IOException {
        int length = in.readRawVarint32();
        int old = in.pushLimit(length);
        T value = body.read(in);
        in.checkLastTagWas(0);
        in.popLimit(old);
        return value;
    }

    private static OnnxGraph readGraph(CodedInputStream in) throws IOException {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> inits = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag >>> 3) {
                case GRAPH_NODE -> nodes.add(readMessage(in, OnnxReader::readNode));
                case GRAPH_INITIALIZER -> {
                    OnnxTensor t = readMessage(in, OnnxReader::readTensor);
                    inits.put(t.name(), t);
                }
                case GRAPH_INPUT -> inputs.add(readMessage(in, OnnxReader::readValueInfoName));
                case GRAPH_OUTPUT -> outputs.add(readMessage(in, OnnxReader::readValueInfoName));
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph(nodes, inits, inputs, outputs);
    }

    private static String readValueInfoName(CodedInputStream in) throws IOException {
        String name = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag >>> 3 == VALUE_INFO_NAME) {
                name = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }

    private static OnnxNode readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, OnnxAttribute> attrs = new LinkedHashMap<>();
        String name = "";
        String op = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag >>> 3) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_OUTPUT -> outputs.add(in.readStringRequireUtf8());
                case NODE_NAME -> name = in.readStringRequireUtf8();
                case NODE_OP_TYPE -> op = in.readStringRequireUtf8();
                case NODE_ATTRIBUTE -> {
                    OnnxAttribute a = readMessage(in, OnnxReader::readAttribute);
                    attrs.put(a.name(), a);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxNode(name, op, inputs, outputs, attrs);
    }

    private static OnnxAttribute readAttribute(CodedInputStream in) throws IOException {
        String name = "";
        float f = 0;
        long i = 0;
        String s = null;
        OnnxTensor t = null;
        List<Long> ints = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag >>> 3) {
                case ATTR_NAME -> name = in.readStringRequireUtf8();
                case ATTR_F -> f = in.readFloat();
                case ATTR_I -> i = in.readInt64();
                case ATTR_S -> s = new String(in.readByteArray(), StandardCharsets.UTF_8);
                case ATTR_T -> t = readMessage(in, OnnxReader::readTensor);
                case ATTR_INTS -> readLongs(in, tag, ints);
                default -> in.skipField(tag);
            }
        }
        return new OnnxAttribute(name, f, i, toArray(ints), s, t);
    }

    private static OnnxTensor readTensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        List<Long> longs = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag >>> 3) {
                case TENSOR_DIMS -> readLongs(in, tag, dims);
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_FLOAT_DATA -> readFloats(in, tag, floats);
                case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> readLongs(in, tag, longs);
                case TENSOR_NAME -> name = in.readStringRequireUtf8();
                case TENSOR_RAW_DATA -> raw = in.readByteArray();
                case TENSOR_DATA_LOCATION -> {
                    if (in.readInt32() == 1) {
                        throw new OnnxFormatException("tensor '" + name + "' keeps its data in an external "
                                + "file; export the model with the weights inside the .onnx file");
                    }
                }
                default -> in.skipField(tag);
            }
        }
        float[] fl = null;
        if (!floats.isEmpty()) {
            fl = new float[floats.size()];
            for (int k = 0; k < fl.length; k++) {
                fl[k] = floats.get(k);
            }
        }
        return new OnnxTensor(name, dataType, toArray(dims), raw, fl, longs.isEmpty() ? null : toArray(longs));
    }

    private static void readLongs(CodedInputStream in, int tag, List<Long> out) throws IOException {
        if ((tag & 7) == 2) {
            int old = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(old);
        } else {
            out.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int tag, List<Float> out) throws IOException {
        if ((tag & 7) == 2) {
            int old = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readFloat());
            }
            in.popLimit(old);
        } else {
            out.add(in.readFloat());
        }
    }

    private static long[] toArray(List<Long> values) {
        long[] a = new long[values.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = values.get(k);
        }
        return a;
    }
}
