package dev.bert4j.hub.pytorch;

import dev.bert4j.hub.pytorch.PickleObjects.AllowedCall;
import dev.bert4j.hub.pytorch.PickleObjects.StorageClass;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's pickle machine with every way of naming or building an object replaced by an allow-list.
 *
 * <p>Pyrolite resolves GLOBAL through a static, process-wide constructor registry and builds a generic
 * object for any name it does not know; BUILD calls {@code __setstate__} by reflection. None of that is
 * reachable here: GLOBAL, STACK_GLOBAL, REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1/2/4, PERSID and
 * the out-of-band buffer opcodes are all handled (or refused) by this class before Pyrolite sees them,
 * and a global is only ever a value from {@link #globals}, never a class looked up by name. Length-
 * prefixed opcodes are checked against the bytes left, so a forged length cannot allocate gigabytes.
 */
final class RestrictedUnpickler extends Unpickler {
    private final String source;
    private final Map<String, Object> globals;
    private final Function<Object[], Object> persistentLoad;

    /**
     * @param source the file and record being read, for messages
     * @param globals allowed {@code module.name} globals: {@link AllowedCall}s and {@link StorageClass}es
     * @param persistentLoad turns a persistent id tuple into a storage reference
     */
    RestrictedUnpickler(String source, Map<String, Object> globals, Function<Object[], Object> persistentLoad) {
        this.source = source;
        this.globals = Map.copyOf(globals);
        this.persistentLoad = persistentLoad;
    }

    /** Reads one pickle from {@code in}, leaving the stream just after its STOP opcode. */
    Object read(InputStream in) {
        try {
            return load(in);
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointFormatException(source + " is not a valid pickle: " + e.getMessage(), e);
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> stack.add(global(PickleUtils.readline(input), PickleUtils.readline(input)));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new UnsafePickleException(source + ": STACK_GLOBAL with non-string names");
                }
                stack.add(global(m, n));
            }
            case Opcodes.REDUCE -> reduce();
            case Opcodes.BUILD -> build();
            case Opcodes.BINPERSID -> stack.add(persistentLoad.apply(tuple(stack.pop(), "persistent id")));
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> dict();
            case Opcodes.SETITEMS -> setItems(stack.pop_all_since_marker());
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                setItems(List.of(k, value));
            }
            case Opcodes.BINUNICODE -> stack.add(new String(sized(4), StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(sized(8), StandardCharsets.UTF_8));
            case Opcodes.BINBYTES -> stack.add(sized(4));
            case Opcodes.BINBYTES8 -> stack.add(sized(8));
            case Opcodes.BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(sized(4)));
            case Opcodes.LONG4 -> stack.add(PickleUtils.decode_long(sized(4)));
            case Opcodes.INST, Opcodes.OBJ, Opcodes.NEWOBJ, Opcodes.NEWOBJ_EX, Opcodes.EXT1, Opcodes.EXT2,
                    Opcodes.EXT4, Opcodes.PERSID, Opcodes.BYTEARRAY8, Opcodes.NEXT_BUFFER,
                    Opcodes.READONLY_BUFFER -> throw new UnsafePickleException(source + " uses the pickle opcode "
                            + opcodeName(key) + ", which builds arbitrary objects; PyTorch checkpoints never need it,"
                            + " so the file was refused");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private Object global(String module, String name) {
        Object value = globals.get(module + "." + name);
        if (value == null) {
            throw new UnsafePickleException(source + " refers to the Python global '" + module + "." + name
                    + "'. bert4j only rebuilds tensors from a checkpoint and refuses any other global, so nothing"
                    + " in the file was run. If this is a model you trust, convert it to safetensors with Python.");
        }
        return value;
    }

    private void reduce() {
        Object args = stack.pop();
        Object callable = stack.pop();
        if (!(callable instanceof AllowedCall call)) {
            throw new UnsafePickleException(source + ": REDUCE on " + PickleObjects.describe(callable)
                    + ", which is not an allowed function; the file was refused");
        }
        stack.add(call.call(tuple(args, "arguments of " + call.name())));
    }

    /** BUILD only sets attributes on an OrderedDict (a state dict's {@code _metadata}); they are dropped. */
    private void build() {
        Object state = stack.pop();
        Object target = stack.peek();
        if (!(target instanceof PickleObjects.OrderedDictValue) || !(state instanceof Map || state == null)) {
            throw new UnsafePickleException(source + ": BUILD (set object state) on "
                    + PickleObjects.describe(target) + " is not allowed; the file was refused");
        }
    }

    private void dict() {
        List<Object> items = stack.pop_all_since_marker();
        if (items.size() % 2 != 0) {
            throw new CheckpointFormatException(source + ": DICT with an odd number of items");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        stack.add(map);
    }

    /** Python dicts keep insertion order; Pyrolite's SETITEMS would lose it through a HashMap. */
    private void setItems(List<Object> items) {
        if (items.size() % 2 != 0 || !(stack.peek() instanceof Map<?, ?>)) {
            throw new CheckpointFormatException(source + ": SETITEMS without a dict and key/value pairs");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) stack.peek();
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
    }

    private byte[] sized(int lengthBytes) throws IOException {
        byte[] raw = PickleUtils.readbytes(input, lengthBytes);
        long length = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            length = (length << 8) | (raw[i] & 0xff);
        }
        if (length < 0 || length > input.available()) {
            throw new CheckpointFormatException(source + ": a string or bytes of " + Long.toUnsignedString(length)
                    + " bytes runs past the end of the pickle (" + input.available() + " bytes left)");
        }
        return PickleUtils.readbytes(input, (int) length);
    }

    private Object[] tuple(Object value, String what) {
        if (value instanceof Object[] a) {
            return a;
        }
        throw new CheckpointFormatException(source + ": " + what + " is not a tuple: " + PickleObjects.describe(value));
    }

    private static String opcodeName(short key) {
        return switch (key) {
            case Opcodes.INST -> "INST";
            case Opcodes.OBJ -> "OBJ";
            case Opcodes.NEWOBJ -> "NEWOBJ";
            case Opcodes.NEWOBJ_EX -> "NEWOBJ_EX";
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> "EXT";
            case Opcodes.PERSID -> "PERSID";
            case Opcodes.BYTEARRAY8 -> "BYTEARRAY8";
            default -> "buffer " + key;
        };
    }

    /** Whether a header pickle's value is the integer {@code magic} (a float or any other value is not). */
    static boolean isMagic(Object value, BigInteger magic) {
        return switch (value) {
            case BigInteger b -> b.equals(magic);
            case Long l -> BigInteger.valueOf(l).equals(magic);
            case Integer i -> BigInteger.valueOf(i).equals(magic);
            case Short s -> BigInteger.valueOf(s).equals(magic);
            case Byte b -> BigInteger.valueOf(b).equals(magic);
            case null, default -> false;
        };
    }
}
