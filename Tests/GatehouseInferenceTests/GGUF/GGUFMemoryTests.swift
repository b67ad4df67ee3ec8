import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite("GGUF accessors and memory estimate")
struct GGUFMemoryTests {
    @Test("convenience accessors read architecture-prefixed keys")
    func accessors() throws {
        let info = try GGUFFile.parse(bytes: sampleGGUFModel())
        #expect(info.architecture == "llama")
        #expect(info.name == "Tiny")
        #expect(info.license == "apache-2.0")
        #expect(info.fileType == 3)
        #expect(info.contextLength == 128)
        #expect(info.blockCount == 2)
        #expect(info.embeddingLength == 64)
        #expect(info.headCount == 4)
        #expect(info.headCountKV == 2)
        #expect(info.keyLength == nil)
        #expect(info.headDimension == 16)
        #expect(info.vocabularySize == 3)
    }

    @Test("the estimate is weights + KV cache + documented compute overhead")
    func formula() throws {
        let info = try GGUFFile.parse(bytes: sampleGGUFModel())
        let estimate = info.memoryEstimate(contextLength: nil)
        #expect(estimate.contextLength == 128)
        #expect(estimate.weightBytes == info.tensorDataBytes)
        // 2 × blocks(2) × ctx(128) × (kv heads 2 × head dim 16) × 2 bytes
        #expect(estimate.kvCacheBytes == 2 * 2 * 128 * (2 * 16) * 2)
        // 64 MiB + 512 × 4 × (vocab 3 + 4×64 + 2×128 + heads 4 × ctx 128)
        #expect(estimate.computeBytes == (64 << 20) + 512 * 4 * (3 + 256 + 256 + 512))
        #expect(info.estimatedMemory(contextLength: nil) == estimate.totalBytes)
        #expect(estimate.totalBytes == estimate.weightBytes + estimate.kvCacheBytes + estimate.computeBytes)
        let f32 = info.memoryEstimate(contextLength: 1_024, kvBytesPerElement: 4)
        #expect(f32.kvCacheBytes == 2 * 2 * 1_024 * 32 * 4)
    }

    @Test("key_length and value_length override the derived head dimension")
    func explicitWidths() throws {
        let info = try GGUFFile.parse(
            bytes: makeGGUF(metadata: [
                ("general.architecture", .str("x")), ("x.block_count", .u32(3)),
                ("x.attention.head_count", .array(.int32, [.i32(8), .i32(8), .i32(8)])),
                ("x.attention.head_count_kv", .u32(1)), ("x.attention.key_length", .u32(192)),
                ("x.attention.value_length", .u32(128)),
            ]))
        #expect(info.headCount == 8)
        #expect(info.memoryEstimate(contextLength: 10).kvCacheBytes == 3 * 10 * 1 * (192 + 128) * 2)
        #expect(info.memoryEstimate(contextLength: nil).kvCacheBytes == 0)
    }

    @Test("huge metadata saturates instead of overflowing")
    func saturates() throws {
        let info = try GGUFFile.parse(
            bytes: makeGGUF(metadata: [
                ("general.architecture", .str("x")), ("x.block_count", .u64(UInt64(Int64.max))),
                ("x.attention.head_count", .u64(1 << 40)), ("x.embedding_length", .u64(1 << 50)),
            ]))
        #expect(info.estimatedMemory(contextLength: Int.max) == Int64.max)
    }
}
