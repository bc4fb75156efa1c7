package dev.bert4j.io.safetensors;

import dev.bert4j.model.StateDictReader;
import dev.bert4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The float weights of one checkpoint (one {@code .safetensors} file or all its shards) as a read-only
 * state dict that widens a weight to float32 only when it is asked for: a model takes what it uses, and
 * weights it does not use are reported by name and shape ({@link #shapeOf}) without being converted.
 * Integer entries are allowed only for {@code position_ids} buffers and are left out. Close it to unmap.
 */
public final class SafetensorsStateDict extends AbstractMap<String, Tensor>
        implements StateDictReader.Lazy, AutoCloseable {
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> owners;

    private SafetensorsStateDict(List<SafetensorsFile> files, Map<String, SafetensorsFile> owners) {
        this.files = files;
        this.owners = owners;
    }

    /** Opens every file and checks their headers; reads no tensor data yet. */
    public static SafetensorsStateDict open(List<Path> paths) {
        List<SafetensorsFile> opened = new ArrayList<>();
        try {
            Map<String, SafetensorsFile> owners = new LinkedHashMap<>();
            for (Path path : paths) {
                SafetensorsFile file = SafetensorsFile.open(path);
                opened.add(file);
                addEntries(file, owners);
            }
            return new SafetensorsStateDict(List.copyOf(opened), owners);
        } catch (RuntimeException e) {
            opened.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static void addEntries(SafetensorsFile file, Map<String, SafetensorsFile> owners) {
        for (TensorEntry e : file.entries().values()) {
            if (file.isFloat(e.name())) {
                SafetensorsFile before = owners.putIfAbsent(e.name(), file);
                if (before != null) {
                    throw new SafetensorsException("weight '" + e.name() + "' appears in two shards, "
                            + before.path().getFileName() + " and " + file.path().getFileName());
                }
            } else if (!e.name().endsWith("position_ids")) {
                throw new SafetensorsException(file.path() + ": weight '" + e.name() + "' has dtype " + e.dtype()
                        + "; only F32, F16 and BF16 weights are supported");
            }
        }
    }

    /** The weight widened to float32 now, or null when there is no such float weight. */
    @Override
    public Tensor get(Object name) {
        SafetensorsFile file = owners.get(name);
        return file == null ? null : file.tensor((String) name);
    }

    @Override
    public boolean containsKey(Object name) {
        return owners.containsKey(name);
    }

    @Override
    public int size() {
        return owners.size();
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(owners.keySet());
    }

    /** Entries whose {@code getValue} widens the weight then; iterating converts nothing. */
    @Override
    public Set<Map.Entry<String, Tensor>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Tensor>> iterator() {
                Iterator<String> names = owners.keySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return names.hasNext();
                    }

                    @Override
                    public Map.Entry<String, Tensor> next() {
                        return new LazyEntry(names.next());
                    }
                };
            }

            @Override
            public int size() {
                return owners.size();
            }
        };
    }

    @Override
    public String shapeOf(String name) {
        SafetensorsFile file = owners.get(name);
        if (file == null) {
            throw new SafetensorsException("no float weight '" + name + "' in " + files.stream()
                    .map(f -> f.path().getFileName().toString()).toList());
        }
        return file.entry(name).shapeString();
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }

    private final class LazyEntry implements Map.Entry<String, Tensor> {
        private final String name;

        LazyEntry(String name) {
            this.name = name;
        }

        @Override
        public String getKey() {
            return name;
        }

        @Override
        public Tensor getValue() {
            return get(name);
        }

        @Override
        public Tensor setValue(Tensor value) {
            throw new UnsupportedOperationException("a loaded state dict is read-only");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && name.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return name.hashCode() ^ Objects.hashCode(getValue());
        }
    }
}
