import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite("GGUF structure: versions, alignment, tensors")
struct GGUFStructureTests {
    @Test("versions 2 and 3 both parse identically", arguments: [UInt32(2), 3])
    func versions(version: UInt32) throws {
        let info = try GGUFFile.parse(bytes: sampleGGUFModel(version: version))
        #expect(info.version == version)
        #expect(info.tensors.count == 3)
        #expect(info.metadata.count == 11)
    }

    @Test("tensor sizes follow each type's block layout")
    func tensorSizes() throws {
        let info = try GGUFFile.parse(bytes: sampleGGUFModel())
        #expect(info.tensors.map(\.type.name) == ["F32", "Q4_1", "Q4_K"])
        #expect(info.tensors.map(\.byteCount) == [768, 2_560, 288])
        #expect(info.tensors[1].dimensions == [64, 64])
        #expect(info.tensorDataBytes == 768 + 2_560 + 288)
        #expect(info.parameterCount == 192 + 4_096 + 512)
        #expect(info.alignment == 32)
        #expect(info.dataOffset % 32 == 0)
        #expect(info.tensors[1].offset == 768)
        #expect(info.tensors[2].offset == 768 + 2_560)
    }

    @Test("a custom general.alignment moves the data section and tensor offsets")
    func customAlignment() throws {
        let blob = makeGGUF(
            metadata: [("general.alignment", .u32(256))],
            tensors: [
                GGUFTestTensor(name: "a", dims: [3], type: 0, bytes: 12),
                GGUFTestTensor(name: "b", dims: [5], type: 0, bytes: 20),
            ], alignment: 256)
        let info = try GGUFFile.parse(bytes: blob)
        #expect(info.alignment == 256)
        #expect(info.dataOffset % 256 == 0)
        #expect(info.tensors[1].offset == 256)
        #expect(UInt64(blob.count) == info.dataOffset + 256 + 20)
    }

    @Test(
        "alignment that is not a uint32 power of two is refused", arguments: [GGUFTestValue.u32(48), .u32(0), .u64(32)])
    func badAlignment(value: GGUFTestValue) {
        let error = ggufError { () throws(GatehouseError) in
            try GGUFFile.parse(bytes: makeGGUF(metadata: [("general.alignment", value)]))
        }
        #expect(error?.code == .modelInvalid)
        #expect(error?.message.contains("general.alignment") == true)
    }

    @Test("every known ggml type has a sane block layout")
    func typeTable() {
        for type in GGMLType.all {
            #expect(GGMLType.known(id: type.id) == type)
            #expect(type.blockSize == 1 || type.blockSize == 32 || type.blockSize == 256)
            #expect(type.bytesPerBlock > 0)
        }
        #expect(GGMLType.known(id: 4) == nil)
        #expect(GGMLType.known(id: 31) == nil)
    }

    @Test("reading from a path works and closes the file; missing files and directories are refused")
    func readFromPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gguf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tiny.gguf").path
        try Data(sampleGGUFModel()).write(to: URL(fileURLWithPath: path))
        let info = try GGUFFile.read(path: path)
        #expect(info.architecture == "llama")
        #expect(info.fileSize == UInt64(sampleGGUFModel().count))

        let missing = ggufError { () throws(GatehouseError) in try GGUFFile.read(path: path + ".nope") }
        #expect(missing?.code == .modelInvalid)
        #expect(missing?.message.contains("tiny.gguf.nope") == true)
        let folder = ggufError { () throws(GatehouseError) in try GGUFFile.read(path: directory.path) }
        #expect(folder?.message.contains("not a regular file") == true)
    }

    @Test("a file larger than the read buffer parses across chunk boundaries")
    func acrossChunks() throws {
        let long = String(repeating: "x", count: 200_000)
        let blob = makeGGUF(metadata: [("a", .str(long)), ("b", .u64(7))])
        let info = try GGUFFile.parse(bytes: blob)
        #expect(info.metadata["a"]?.stringValue?.count == 200_000)
        #expect(info.metadata["b"] == .uint64(7))
    }
}
