// JNI bridge from io.rollcall.faces.index.FaissNative to the FAISS C++ API (libfaiss.a).
//
// Rules kept throughout:
//  - every entry point catches everything and turns it into a Java FaissException, so a FAISS
//    error (FAISS_THROW, bad_alloc, ...) never unwinds through the JVM;
//  - Java arrays are copied in/out with Get/Set<Type>ArrayRegion, never pinned, so a long
//    add or search does not block the garbage collector;
//  - argument shapes are checked on the Java side; here we only trust them.
#include <jni.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <faiss/AutoTune.h>
#include <faiss/Index.h>
#include <faiss/IndexFlatCodes.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>

namespace {

// FAISS 1.7.3 spells it faiss::Index::idx_t (later versions: faiss::idx_t).
using idx_t = faiss::Index::idx_t;

const char* const kExceptionClass = "io/rollcall/faces/index/FaissException";

void throwJava(JNIEnv* env, const std::string& message) {
    if (env->ExceptionCheck()) return;  // keep the first pending exception
    jclass cls = env->FindClass(kExceptionClass);
    if (cls != nullptr) env->ThrowNew(cls, message.c_str());
}

// Runs body; converts any C++ exception into a pending Java exception and returns fallback.
template <typename R, typename F>
R guarded(JNIEnv* env, R fallback, F body) {
    try {
        return body();
    } catch (const faiss::FaissException& e) {
        throwJava(env, e.msg);
    } catch (const std::bad_alloc&) {
        throwJava(env, "out of native memory");
    } catch (const std::exception& e) {
        throwJava(env, e.what());
    } catch (...) {
        throwJava(env, "unknown native error");
    }
    return fallback;
}

faiss::Index* idx(jlong handle) { return reinterpret_cast<faiss::Index*>(handle); }

std::vector<float> floats(JNIEnv* env, jfloatArray a) {
    std::vector<float> v(env->GetArrayLength(a));
    env->GetFloatArrayRegion(a, 0, static_cast<jsize>(v.size()), v.data());
    return v;
}

std::vector<idx_t> longs(JNIEnv* env, jlongArray a) {
    std::vector<idx_t> v(env->GetArrayLength(a));
    static_assert(sizeof(idx_t) == sizeof(jlong), "idx_t must be 64-bit");
    env->GetLongArrayRegion(a, 0, static_cast<jsize>(v.size()), reinterpret_cast<jlong*>(v.data()));
    return v;
}

// The index that does the work under the IDMap / pre-transform wrappers.
faiss::Index* innermost(faiss::Index* index) {
    for (;;) {
        if (auto m = dynamic_cast<faiss::IndexIDMap*>(index)) {
            index = m->index;
        } else if (auto p = dynamic_cast<faiss::IndexPreTransform*>(index)) {
            index = p->index;
        } else if (auto r = dynamic_cast<faiss::IndexRefine*>(index)) {
            index = r->base_index;
        } else {
            return index;
        }
    }
}

faiss::IndexIDMap2* idMap2(faiss::Index* index) {
    auto m = dynamic_cast<faiss::IndexIDMap2*>(index);
    if (m == nullptr) throw faiss::FaissException("index is not wrapped in IDMap2");
    return m;
}

}  // namespace

extern "C" {

#define FN(name) JNICALL Java_io_rollcall_faces_index_FaissNative_##name

JNIEXPORT jlong FN(create)(JNIEnv* env, jclass, jint dim, jstring factory, jint metric) {
    return guarded<jlong>(env, 0, [&] {
        const char* chars = env->GetStringUTFChars(factory, nullptr);
        std::string desc(chars);
        env->ReleaseStringUTFChars(factory, chars);
        const std::string idmap = "IDMap2,";
        const std::string refine = ",RFlat";
        if (desc.rfind(idmap, 0) == 0 && desc.size() > idmap.size() + refine.size()
                && desc.compare(desc.size() - refine.size(), refine.size(), refine) == 0) {
            // "IDMap2,<base>,RFlat": index_factory would put the refinement outside the id map
            // (RFlat(IDMap2(base))), which cannot take our ids; build IDMap2(RFlat(base)) instead, so
            // ids, contains and reconstruct (from the refinement's exact vectors) work as for the others.
            std::string base = desc.substr(idmap.size(), desc.size() - idmap.size() - refine.size());
            std::unique_ptr<faiss::Index> inner(
                    faiss::index_factory(dim, base.c_str(), static_cast<faiss::MetricType>(metric)));
            auto refined = std::make_unique<faiss::IndexRefineFlat>(inner.get());
            inner.release();
            refined->own_fields = true;
            auto map = std::make_unique<faiss::IndexIDMap2>(refined.get());
            refined.release();
            map->own_fields = true;
            return reinterpret_cast<jlong>(map.release());
        }
        faiss::Index* index = faiss::index_factory(dim, desc.c_str(), static_cast<faiss::MetricType>(metric));
        return reinterpret_cast<jlong>(index);
    });
}

JNIEXPORT void FN(free)(JNIEnv* env, jclass, jlong h) {
    guarded<int>(env, 0, [&] { delete idx(h); return 0; });
}

JNIEXPORT jint FN(dimension)(JNIEnv*, jclass, jlong h) { return idx(h)->d; }

JNIEXPORT jlong FN(ntotal)(JNIEnv*, jclass, jlong h) { return idx(h)->ntotal; }

JNIEXPORT jint FN(metric)(JNIEnv*, jclass, jlong h) { return idx(h)->metric_type; }

JNIEXPORT jboolean FN(isTrained)(JNIEnv*, jclass, jlong h) { return idx(h)->is_trained; }

JNIEXPORT void FN(train)(JNIEnv* env, jclass, jlong h, jfloatArray x) {
    guarded<int>(env, 0, [&] {
        std::vector<float> v = floats(env, x);
        idx(h)->train(v.size() / idx(h)->d, v.data());
        return 0;
    });
}

JNIEXPORT void FN(add)(JNIEnv* env, jclass, jlong h, jlongArray ids, jfloatArray x) {
    guarded<int>(env, 0, [&] {
        std::vector<float> v = floats(env, x);
        std::vector<idx_t> labels = longs(env, ids);
        idx(h)->add_with_ids(labels.size(), v.data(), labels.data());
        return 0;
    });
}

JNIEXPORT void FN(search)(JNIEnv* env, jclass, jlong h, jfloatArray queries, jint k,
                          jfloatArray distances, jlongArray labels) {
    guarded<int>(env, 0, [&] {
        std::vector<float> q = floats(env, queries);
        idx_t n = q.size() / idx(h)->d;
        std::vector<float> d(n * k);
        std::vector<idx_t> l(n * k);
        idx(h)->search(n, q.data(), k, d.data(), l.data());
        env->SetFloatArrayRegion(distances, 0, static_cast<jsize>(d.size()), d.data());
        env->SetLongArrayRegion(labels, 0, static_cast<jsize>(l.size()), reinterpret_cast<jlong*>(l.data()));
        return 0;
    });
}

JNIEXPORT jlong FN(remove)(JNIEnv* env, jclass, jlong h, jlongArray ids) {
    return guarded<jlong>(env, 0, [&] {
        std::vector<idx_t> v = longs(env, ids);
        faiss::IDSelectorBatch sel(v.size(), v.data());
        return static_cast<jlong>(idx(h)->remove_ids(sel));
    });
}

// The external ids currently stored, in storage order (IDMap2 only).
JNIEXPORT jlongArray FN(ids)(JNIEnv* env, jclass, jlong h) {
    return guarded<jlongArray>(env, nullptr, [&] {
        const auto& map = idMap2(idx(h))->id_map;
        jlongArray out = env->NewLongArray(static_cast<jsize>(map.size()));
        if (out != nullptr) {
            env->SetLongArrayRegion(out, 0, static_cast<jsize>(map.size()),
                                    reinterpret_cast<const jlong*>(map.data()));
        }
        return out;
    });
}

JNIEXPORT jboolean FN(contains)(JNIEnv* env, jclass, jlong h, jlong id) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        return idMap2(idx(h))->rev_map.count(id) > 0 ? JNI_TRUE : JNI_FALSE;
    });
}

// Graph indexes (HNSW) cannot delete a node, and FAISS 1.7.3's IndexRefine (exact re-ranking over a
// compressed index) does not implement remove_ids: the Java side keeps tombstones for them instead.
JNIEXPORT jboolean FN(supportsRemove)(JNIEnv*, jclass, jlong h) {
    faiss::Index* index = idx(h);
    if (auto m = dynamic_cast<faiss::IndexIDMap*>(index)) index = m->index;
    if (dynamic_cast<faiss::IndexRefine*>(index) != nullptr) return JNI_FALSE;
    return dynamic_cast<faiss::IndexHNSW*>(innermost(index)) == nullptr ? JNI_TRUE : JNI_FALSE;
}

// Bytes of native memory the index holds, roughly (codes + graph + id maps): what the Gallery's LRU counts.
JNIEXPORT jlong FN(memoryBytes)(JNIEnv* env, jclass, jlong h) {
    return guarded<jlong>(env, 0, [&] {
        faiss::Index* index = idx(h);
        jlong bytes = 0;
        if (auto m = dynamic_cast<faiss::IndexIDMap2*>(index)) {
            // id_map (8 bytes) + rev_map (an unordered_map node: ~40 bytes) per vector
            bytes += static_cast<jlong>(m->id_map.size()) * 48;
            index = m->index;
        }
        if (auto r = dynamic_cast<faiss::IndexRefineFlat*>(index)) {
            bytes += static_cast<jlong>(r->ntotal) * r->d * 4;
            index = r->base_index;
        }
        if (auto hn = dynamic_cast<faiss::IndexHNSW*>(index)) {
            bytes += static_cast<jlong>(hn->hnsw.neighbors.size()) * 4 + static_cast<jlong>(hn->hnsw.levels.size()) * 4
                    + static_cast<jlong>(hn->hnsw.offsets.size()) * 8;
            index = hn->storage;
        }
        if (auto codes = dynamic_cast<faiss::IndexFlatCodes*>(index)) {
            bytes += static_cast<jlong>(codes->codes.size());
        } else if (auto ivf = dynamic_cast<faiss::IndexIVF*>(index)) {
            bytes += static_cast<jlong>(ivf->ntotal) * (ivf->code_size + 8)
                    + static_cast<jlong>(ivf->nlist) * ivf->d * 4;
        } else if (index != nullptr) {
            bytes += static_cast<jlong>(index->ntotal) * index->d * 4;
        }
        return bytes;
    });
}

// The stored vectors of the given external ids, concatenated (IDMap2 only; unknown id -> error).
JNIEXPORT jfloatArray FN(reconstruct)(JNIEnv* env, jclass, jlong h, jlongArray ids) {
    return guarded<jfloatArray>(env, nullptr, [&] {
        faiss::IndexIDMap2* map = idMap2(idx(h));
        std::vector<idx_t> v = longs(env, ids);
        std::vector<float> out(v.size() * map->d);
        for (size_t i = 0; i < v.size(); i++) map->reconstruct(v[i], out.data() + i * map->d);
        jfloatArray arr = env->NewFloatArray(static_cast<jsize>(out.size()));
        if (arr != nullptr) env->SetFloatArrayRegion(arr, 0, static_cast<jsize>(out.size()), out.data());
        return arr;
    });
}

// efSearch / efConstruction go straight to the HNSW graph (ParameterSpace does not see through
// IDMap2 for them); anything else (nprobe, ...) is handed to faiss::ParameterSpace.
JNIEXPORT void FN(setParameter)(JNIEnv* env, jclass, jlong h, jstring name, jdouble value) {
    guarded<int>(env, 0, [&] {
        const char* chars = env->GetStringUTFChars(name, nullptr);
        std::string key(chars);
        env->ReleaseStringUTFChars(name, chars);
        auto hnsw = dynamic_cast<faiss::IndexHNSW*>(innermost(idx(h)));
        if (hnsw != nullptr && key == "efSearch") {
            hnsw->hnsw.efSearch = static_cast<int>(value);
        } else if (hnsw != nullptr && key == "efConstruction") {
            hnsw->hnsw.efConstruction = static_cast<int>(value);
        } else {
            faiss::ParameterSpace().set_index_parameter(idx(h), key, value);
        }
        return 0;
    });
}

// Appends FAISS's serialisation of the index to the file at path (which the Java side has opened, written its
// header into and closed); returns the number of bytes appended. No Java array is involved, so any size works.
JNIEXPORT jlong FN(writeTo)(JNIEnv* env, jclass, jlong h, jstring path) {
    return guarded<jlong>(env, 0, [&] {
        const char* chars = env->GetStringUTFChars(path, nullptr);
        std::string name(chars);
        env->ReleaseStringUTFChars(path, chars);
        std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(name.c_str(), "ab"), &std::fclose);
        if (!f) throw faiss::FaissException("cannot open " + name + ": " + std::strerror(errno));
        std::fseek(f.get(), 0, SEEK_END);
        long start = std::ftell(f.get());
        faiss::write_index(idx(h), f.get());
        if (std::fflush(f.get()) != 0) throw faiss::FaissException("cannot write " + name + ": " + std::strerror(errno));
        long end = std::ftell(f.get());
        FILE* raw = f.release();
        if (std::fclose(raw) != 0) throw faiss::FaissException("cannot write " + name + ": " + std::strerror(errno));
        return static_cast<jlong>(end - start);
    });
}

// Reads an index from the file at path, starting offset bytes in (after the Java side's header).
JNIEXPORT jlong FN(readFrom)(JNIEnv* env, jclass, jstring path, jlong offset) {
    return guarded<jlong>(env, 0, [&] {
        const char* chars = env->GetStringUTFChars(path, nullptr);
        std::string name(chars);
        env->ReleaseStringUTFChars(path, chars);
        std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(name.c_str(), "rb"), &std::fclose);
        if (!f) throw faiss::FaissException("cannot open " + name + ": " + std::strerror(errno));
        if (fseeko(f.get(), static_cast<off_t>(offset), SEEK_SET) != 0) {
            throw faiss::FaissException("cannot seek in " + name);
        }
        return reinterpret_cast<jlong>(faiss::read_index(f.get()));
    });
}

// Reads an index from a Java source (FaissIndex.SectionSource) as FAISS asks for bytes: each request is one call of
// its fill(ByteBuffer) with a direct buffer over FAISS's own memory, so a snapshot streamed from S3 lands in the
// index's vectors with no file and no second copy. A Java exception in fill stays pending (throwJava keeps it).
namespace {
struct JavaSourceReader : faiss::IOReader {
    JNIEnv* env;
    jobject source;
    jmethodID fill;

    size_t operator()(void* ptr, size_t size, size_t nitems) override {
        size_t wanted = size * nitems;
        size_t done = 0;
        while (done < wanted) {
            size_t chunk = std::min(wanted - done, static_cast<size_t>(1) << 30);
            jobject buffer = env->NewDirectByteBuffer(static_cast<char*>(ptr) + done, static_cast<jlong>(chunk));
            if (buffer == nullptr) throw faiss::FaissException("cannot wrap native memory in a ByteBuffer");
            jint got = env->CallIntMethod(source, fill, buffer);
            env->DeleteLocalRef(buffer);
            if (env->ExceptionCheck()) throw faiss::FaissException("the snapshot source failed");
            if (got <= 0) break;
            done += static_cast<size_t>(got);
        }
        return size == 0 ? 0 : done / size;
    }
};
}  // namespace

JNIEXPORT jlong FN(readFromSource)(JNIEnv* env, jclass, jobject source) {
    return guarded<jlong>(env, 0, [&] {
        JavaSourceReader reader;
        reader.env = env;
        reader.source = source;
        jclass cls = env->GetObjectClass(source);
        reader.fill = env->GetMethodID(cls, "fill", "(Ljava/nio/ByteBuffer;)I");
        if (reader.fill == nullptr) throw faiss::FaissException("the snapshot source has no fill(ByteBuffer)");
        return reinterpret_cast<jlong>(faiss::read_index(&reader));
    });
}

JNIEXPORT jbyteArray FN(serialize)(JNIEnv* env, jclass, jlong h) {
    return guarded<jbyteArray>(env, nullptr, [&] {
        faiss::VectorIOWriter writer;
        faiss::write_index(idx(h), &writer);
        if (writer.data.size() > 0x7fffffffu) throw faiss::FaissException("index too large for a Java byte[]");
        jbyteArray out = env->NewByteArray(static_cast<jsize>(writer.data.size()));
        if (out != nullptr) {
            env->SetByteArrayRegion(out, 0, static_cast<jsize>(writer.data.size()),
                                    reinterpret_cast<const jbyte*>(writer.data.data()));
        }
        return out;
    });
}

JNIEXPORT jlong FN(deserialize)(JNIEnv* env, jclass, jbyteArray bytes, jint offset, jint length) {
    return guarded<jlong>(env, 0, [&] {
        faiss::VectorIOReader reader;
        reader.data.resize(length);
        env->GetByteArrayRegion(bytes, offset, length, reinterpret_cast<jbyte*>(reader.data.data()));
        return reinterpret_cast<jlong>(faiss::read_index(&reader));
    });
}

#undef FN

}  // extern "C"
