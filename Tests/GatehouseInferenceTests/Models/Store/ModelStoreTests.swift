import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct ModelStoreTests {
    @Test func importListFindAndRemove() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let gguf = try TinyGGUF.write(in: directory.path)
        let license = try directory.write("Apache-2.0 text", to: "LICENSE")
        let store = try ModelStore(root: directory.path + "/models")

        let model = try store.importFile(path: gguf, name: "tiny", license: license)
        #expect(model.name.value == "tiny:latest")
        #expect(model.architecture == "llama")
        #expect(model.fileType == 3)
        #expect(model.quantization == "Q4_1")
        #expect(model.contextLength == 2048)
        #expect(model.parameterCount == 64)
        #expect(model.size == Int64(TinyGGUF.bytes().count))
        #expect(model.digest == OCIDigest.of(TinyGGUF.bytes()))
        #expect(model.licenseDigest == OCIDigest.of(Array("Apache-2.0 text".utf8)))
        #expect(model.source == .file(path: gguf))

        #expect(try store.list() == [model])
        #expect(try store.model(named: "tiny") == model)
        #expect(try store.model(named: "tiny:latest") == model)
        #expect(FileManager.default.contentsEqual(atPath: store.path(of: model), andPath: gguf))

        let removed = try store.remove(named: "tiny")
        #expect(removed == model)
        #expect(try store.list().isEmpty)
        #expect(directory.contents("models/blobs/sha256").isEmpty)
        #expect(directory.contents("models/tmp").isEmpty)
        #expect(throws: GatehouseError.self) { try store.model(named: "tiny") }
    }

    @Test func removeKeepsSharedBlobs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let gguf = try TinyGGUF.write(in: directory.path)
        let store = try ModelStore(root: directory.path + "/models")
        let first = try store.importFile(path: gguf, name: "a:1")
        try store.importFile(path: gguf, name: "b:1")
        #expect(try store.list().map(\.name.value) == ["a:1", "b:1"])

        try store.remove(named: "a:1")
        #expect(FileIO.fileSize(store.path(of: first)) != nil, "b:1 still references the blob")
        try store.remove(named: "b:1")
        #expect(directory.contents("models/blobs/sha256").isEmpty)
    }

    @Test func refusesATakenNameUnlessReplacing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let old = try TinyGGUF.write(in: directory.path, name: "old.gguf", elements: 32)
        let new = try TinyGGUF.write(in: directory.path, name: "new.gguf", elements: 96)
        let store = try ModelStore(root: directory.path + "/models")
        let first = try store.importFile(path: old, name: "m")
        let error = #expect(throws: GatehouseError.self) { try store.importFile(path: new, name: "m:latest") }
        #expect(error?.code == .conflict)

        let second = try store.importFile(path: new, name: "m", replace: true)
        #expect(try store.list() == [second])
        #expect(FileIO.fileSize(store.path(of: first)) == nil, "the replaced blob is collected")
        #expect(directory.contents("models/blobs/sha256") == [second.digest.hex])
    }

    @Test func aFailedImportLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let notGGUF = try directory.write("definitely not a model", to: "fake.gguf")
        let store = try ModelStore(root: directory.path + "/models")
        let error = #expect(throws: GatehouseError.self) { try store.importFile(path: notGGUF, name: "fake") }
        #expect(error?.code == .modelInvalid)

        let gguf = try TinyGGUF.write(in: directory.path)
        let missing = #expect(throws: GatehouseError.self) {
            try store.importFile(path: gguf, name: "nolicence", license: directory.path + "/absent")
        }
        #expect(missing?.code == .notFound)
        #expect(throws: GatehouseError.self) { try store.importFile(path: directory.path + "/absent", name: "x") }

        #expect(try store.list().isEmpty)
        #expect(directory.contents("models/blobs/sha256").isEmpty)
        #expect(directory.contents("models/tmp").isEmpty)
        #expect(!directory.contents("models").contains("models.json"))
    }

    @Test func addVerifiesTheDigestThenCommit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try ModelStore(root: directory.path + "/models")
        let bytes = TinyGGUF.bytes()
        let digest = OCIDigest.of(bytes)

        let wrong = store.temporaryBlobPath()
        try Data(bytes + [0]).write(to: URL(fileURLWithPath: wrong))
        let mismatch = #expect(throws: GatehouseError.self) { try store.add(blobAt: wrong, expectedDigest: digest) }
        #expect(mismatch?.message.contains("not the expected") == true)
        #expect(directory.contents("models/tmp").isEmpty, "a mismatching download is deleted")

        let model = StoredModel(
            name: try ModelName(validating: "pulled"), digest: digest, size: Int64(bytes.count), architecture: "llama",
            parameterCount: 64, fileType: 3, contextLength: 2048, licenseDigest: nil,
            source: .registry(reference: "127.0.0.1:5000/x:1", manifestDigest: OCIDigest.of([1])),
            createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(throws: GatehouseError.self) { try store.commit(model) }  // blob not there yet

        let good = store.temporaryBlobPath()
        try Data(bytes).write(to: URL(fileURLWithPath: good))
        #expect(try store.add(blobAt: good, expectedDigest: digest) == Int64(bytes.count))
        try store.commit(model)
        #expect(try store.model(named: "pulled:latest") == model)
        #expect(try ModelStore(root: directory.path + "/models").list() == [model], "the index round-trips")
    }

    @Test func concurrentImportsAllLand() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let gguf = try TinyGGUF.write(in: directory.path)
        let store = try ModelStore(root: directory.path + "/models")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask { try store.importFile(path: gguf, name: "m\(index)") }
            }
            try await group.waitForAll()
        }
        #expect(try store.list().count == 16)
        #expect(directory.contents("models/blobs/sha256").count == 1)
    }
}
