package dev.bert4j.hub.pytorch;

import dev.bert4j.hub.pytorch.PickleObjects.AllowedCall;
import dev.bert4j.hub.pytorch.PickleObjects.OrderedDictValue;
import dev.bert4j.hub.pytorch.PickleObjects.StorageClass;
import dev.bert4j.hub.pytorch.PickleObjects.StorageRef;
import dev.bert4j.hub.pytorch.PickleObjects.TensorRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allow-list: the globals {@code torch.save} writes for a state dict of plain tensors, and nothing
 * else. Each maps to a Java function that only builds a {@link TensorRef} or a map; none looks anything
 * up by name.
 */
final class TorchGlobals {
    /** Storage classes that exist in PyTorch but whose element types bert4j does not load. */
    private static final List<String> OTHER_STORAGES = List.of("DoubleStorage", "IntStorage", "ShortStorage",
            "CharStorage", "ByteStorage", "BoolStorage", "ComplexFloatStorage", "ComplexDoubleStorage",
            "QInt8Storage", "QUInt8Storage", "QInt32Storage", "QUInt4x2Storage", "QUInt2x4Storage");

    private TorchGlobals() {}

    static Map<String, Object> create(String source) {
        Map<String, Object> globals = new HashMap<>();
        globals.put("collections.OrderedDict", call("collections.OrderedDict", args -> {
            if (args.length != 0) {
                throw new CheckpointFormatException(source + ": OrderedDict called with arguments");
            }
            return new OrderedDictValue();
        }));
        globals.put("torch._utils._rebuild_tensor_v2", call("torch._utils._rebuild_tensor_v2",
                args -> rebuildTensor(source, args, 6, 7)));
        globals.put("torch._utils._rebuild_tensor", call("torch._utils._rebuild_tensor",
                args -> rebuildTensor(source, args, 4, 4)));
        globals.put("torch._utils._rebuild_parameter", call("torch._utils._rebuild_parameter",
                args -> parameterData(source, args, 3)));
        globals.put("torch._utils._rebuild_parameter_with_state", call("torch._utils._rebuild_parameter_with_state",
                args -> parameterData(source, args, 4)));
        for (TorchDtype dtype : TorchDtype.values()) {
            globals.put("torch." + dtype.storageName(), new StorageClass("torch." + dtype.storageName(), dtype));
        }
        for (String other : OTHER_STORAGES) {
            globals.put("torch." + other, new StorageClass("torch." + other, null));
        }
        return globals;
    }

    private static AllowedCall call(String name, java.util.function.Function<Object[], Object> body) {
        return new AllowedCall() {
            @Override
            public Object call(Object[] args) {
                return body.apply(args);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /**
     * {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])};
     * requires_grad, hooks and metadata do not change the values and are ignored.
     */
    private static TensorRef rebuildTensor(String source, Object[] args, int minArgs, int maxArgs) {
        if (args.length < minArgs || args.length > maxArgs) {
            throw new CheckpointFormatException(source + ": tensor rebuilt with " + args.length + " arguments, expected "
                    + minArgs + (maxArgs > minArgs ? " to " + maxArgs : ""));
        }
        if (!(args[0] instanceof StorageRef storage)) {
            throw new CheckpointFormatException(source + ": tensor storage is " + PickleObjects.describe(args[0])
                    + ", not a storage reference");
        }
        long offset = PickleObjects.integer(args[1], "tensor storage offset");
        long[] shape = PickleObjects.longs(args[2], "tensor size");
        long[] stride = PickleObjects.longs(args[3], "tensor stride");
        return new TensorRef(storage, offset, shape, stride);
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: a Parameter is its data tensor. */
    private static TensorRef parameterData(String source, Object[] args, int count) {
        if (args.length != count || !(args[0] instanceof TensorRef tensor)) {
            throw new CheckpointFormatException(source + ": a Parameter that is not built from a tensor");
        }
        return tensor;
    }
}
