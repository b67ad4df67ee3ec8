import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite("GGUF real file: SmolLM2-135M-Instruct Q4_1")
struct GGUFRealFileTests {
    @Test("reads the SmolLM2 header and estimates above its tensor bytes")
    func smolLM2() throws {
        guard let path = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SMOLLM2_GGUF"], !path.isEmpty,
            FileManager.default.fileExists(atPath: path)
        else {
            try Test.cancel("GATEHOUSE_TEST_SMOLLM2_GGUF is not set (scripts/inference-deps.sh installs it)")
        }
        let info = try GGUFFile.read(path: path)
        #expect(info.version == 3 || info.version == 2)
        #expect(info.architecture == "llama")
        #expect(info.blockCount == 30)
        #expect(info.parameterCount > 120_000_000 && info.parameterCount < 150_000_000)
        let context = try #require(info.contextLength)
        #expect(context >= 2_048)
        #expect(info.tensorDataBytes > 50_000_000 && UInt64(info.tensorDataBytes) < info.fileSize)
        #expect(info.tensors.count > 0)
        // This file has no trailing bytes: the data section ends exactly at the end of the file,
        // which checks the block sizes of every tensor type it uses (F32, Q4_1, Q8_0).
        #expect(info.dataOffset + UInt64(info.tensorDataBytes) == info.fileSize)
        #expect(info.metadata["tokenizer.ggml.tokens"]?.arrayValue?.values == nil)
        let atDefault = info.memoryEstimate(contextLength: nil)
        let at2048 = info.memoryEstimate(contextLength: 2_048)
        #expect(atDefault.totalBytes > info.tensorDataBytes)
        #expect(at2048.totalBytes > info.tensorDataBytes)
        #expect(at2048.totalBytes <= atDefault.totalBytes)
        var types: [String: Int] = [:]
        for tensor in info.tensors { types[tensor.type.name, default: 0] += 1 }
        print(
            """
            SmolLM2: version=\(info.version) arch=\(info.architecture ?? "-") name=\(info.name ?? "-") \
            license=\(info.license ?? "-") fileType=\(info.fileType.map(String.init) ?? "-") \
            params=\(info.parameterCount) blocks=\(info.blockCount ?? -1) ctx=\(context) \
            embd=\(info.embeddingLength ?? -1) heads=\(info.headCount ?? -1) kvHeads=\(info.headCountKV ?? -1) \
            headDim=\(info.headDimension ?? -1) vocab=\(info.vocabularySize ?? -1) tensors=\(info.tensors.count) \
            types=\(types.sorted { $0.key < $1.key }) tensorBytes=\(info.tensorDataBytes) \
            dataOffset=\(info.dataOffset) fileSize=\(info.fileSize) alignment=\(info.alignment) \
            estimate@\(atDefault.contextLength)=\(atDefault) estimate@2048=\(at2048)
            """)
    }
}
